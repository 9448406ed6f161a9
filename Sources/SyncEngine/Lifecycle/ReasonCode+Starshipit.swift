// The codes of Starshipit failures. `ReasonCode` is a closed enum whose known cases are listed in `known`; until the
// lead adds these as cases (with advice), they are stored under their text and read back as `unrecognised`, whose
// advice ("Fix the cause named above…") applies. The message of each `WarehouseError` says what to do.
extension ReasonCode {
    public static let starshipitThrottled = ReasonCode.unrecognised("starshipit_throttled")
    public static let starshipitTransient = ReasonCode.unrecognised("starshipit_transient")
    public static let starshipitAPIKey = ReasonCode.unrecognised("starshipit_api_key")
    public static let starshipitSubscriptionKey = ReasonCode.unrecognised("starshipit_subscription_key")
    public static let starshipitForbidden = ReasonCode.unrecognised("starshipit_forbidden")
    public static let starshipitNotFound = ReasonCode.unrecognised("starshipit_not_found")
    public static let starshipitValidation = ReasonCode.unrecognised("starshipit_validation")
    public static let starshipitDuplicate = ReasonCode.unrecognised("starshipit_duplicate")
    public static let starshipitDeleteNotAllowed = ReasonCode.unrecognised("starshipit_delete_not_allowed")
    public static let starshipitMalformed = ReasonCode.unrecognised("starshipit_malformed")
    public static let starshipitUnexpected = ReasonCode.unrecognised("starshipit_unexpected")
}
