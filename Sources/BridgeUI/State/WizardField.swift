/// A focusable control of the configure wizard.
public enum WizardField: Sendable, Hashable {
    case name
    case cin7Account, cin7Key, cin7BaseURL, testCin7
    /// The fulfilment platform (a choice), then its address and credentials.
    case platform, warehouseBaseURL
    case ccTenant, ccClientID, ccSecret, ccCustomer
    /// ShipStation's API key and secret, or Starshipit's API key and subscription key; ShipStation's store.
    case platformKey, platformSecret, storeID
    /// Starshipit: the subscription key's rate tier (a checkbox); step 4: when Starshipit's shipments are written back.
    case productionTier, writebackOn
    case testWarehouse
    case warehouses, defaultWarehouse
    case mapping(Int)
    case statuses, goLive, goLiveDate, perFulfilment, instructions, contactAsCompany, refreshPreview
    case completeOnDispatch, sendTracking, carriers, timeZone
    /// Step 4's optional alert hook: an https address or a command line.
    case alertHook

    /// Fields typed into (letters go to the field, not to key bindings).
    public var isText: Bool {
        switch self {
        case .name, .cin7Account, .cin7Key, .cin7BaseURL, .warehouseBaseURL, .ccTenant, .ccClientID, .ccSecret, .ccCustomer, .platformKey,
            .platformSecret, .storeID, .warehouses, .statuses, .goLiveDate, .carriers, .timeZone, .alertHook:
            true
        default: false
        }
    }
}
