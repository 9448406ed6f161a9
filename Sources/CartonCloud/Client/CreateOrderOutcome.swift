import Foundation

/// What a create did.
public enum CreateOrderOutcome: Sendable, Hashable {
    /// 201: the order exists and is live.
    case created(OutboundOrder)
    /// 228 "Created with issues": the order exists in status REJECTED (unknown product, stock…). Not an error and not
    /// retryable: a person fixes the cause; then delete it (when allowed) and re-create, or create `<reference>-R<n>`.
    case rejected(OutboundOrder, reasons: [String])
    /// 422 DUPLICATE: an order with this reference already exists for the customer (tenant setting).
    case duplicate(existingID: String)
}
