/// A focusable control of the configure wizard.
public enum WizardField: Sendable, Hashable {
    case name
    case cin7Account, cin7Key, cin7BaseURL, testCin7
    case ccBaseURL, ccTenant, ccClientID, ccSecret, ccCustomer, testWarehouse
    case warehouses, defaultWarehouse
    case mapping(Int)
    case statuses, goLive, goLiveDate, perFulfilment, instructions, contactAsCompany, refreshPreview
    case completeOnDispatch, sendTracking, carriers, timeZone

    /// Fields typed into (letters go to the field, not to key bindings).
    public var isText: Bool {
        switch self {
        case .name, .cin7Account, .cin7Key, .cin7BaseURL, .ccBaseURL, .ccTenant, .ccClientID, .ccSecret, .ccCustomer, .warehouses, .statuses,
            .goLiveDate, .carriers, .timeZone:
            true
        default: false
        }
    }
}
