import BridgeSupport
import Foundation

/// The body of `POST|PUT sale/fulfilment/pick`. With `AutoPickMode: "AUTOPICK"` Cin7 picks every line itself.
public struct PickRequest: Codable, Sendable, Hashable {
    public var TaskID: Cin7ID
    public var Status: TaskStatus?
    public var AutoPickMode: String?
    public var Lines: [PickPackLine]?

    public init(TaskID: Cin7ID, Status: TaskStatus? = .authorised, Lines: [PickPackLine]) {
        self.TaskID = TaskID
        self.Status = Status
        self.Lines = Lines
    }

    /// `{"TaskID":…, "AutoPickMode":"AUTOPICK"}`: pick everything and authorise.
    public static func autoPick(taskID: Cin7ID) -> PickRequest {
        var request = PickRequest(TaskID: taskID, Status: nil, Lines: [])
        request.Lines = nil
        request.AutoPickMode = "AUTOPICK"
        return request
    }
}

/// The body of `POST|PUT sale/fulfilment/pack` (lines carry `Box`).
public struct PackRequest: Codable, Sendable, Hashable {
    public var TaskID: Cin7ID
    public var Status: TaskStatus?
    public var Lines: [PickPackLine]
    public init(TaskID: Cin7ID, Status: TaskStatus? = .authorised, Lines: [PickPackLine]) {
        self.TaskID = TaskID
        self.Status = Status
        self.Lines = Lines
    }
}

/// A ship line as Cin7 takes it on POST/PUT (`Box`, not `Boxes`).
public struct ShipRequestLine: Codable, Sendable, Hashable {
    public var ShipmentDate: CalendarDate
    public var Carrier: String?
    public var Box: String?
    public var TrackingNumber: String?
    public var TrackingURL: String?
    public var IsShipped: Bool
    public init(
        ShipmentDate: CalendarDate,
        Carrier: String?,
        Box: String?,
        TrackingNumber: String? = nil,
        TrackingURL: String? = nil,
        IsShipped: Bool = true
    ) {
        self.ShipmentDate = ShipmentDate
        self.Carrier = Carrier
        self.Box = Box
        self.TrackingNumber = TrackingNumber
        self.TrackingURL = TrackingURL
        self.IsShipped = IsShipped
    }
}

/// The body of `POST|PUT sale/fulfilment/ship`. `AddTrackingNumbers: true` on a PUT updates the tracking or carrier of
/// an already authorised shipment.
public struct ShipRequest: Codable, Sendable, Hashable {
    public var TaskID: Cin7ID
    public var Status: TaskStatus?
    public var RequireBy: CalendarDate?
    public var ShippingAddress: Cin7Address?
    public var ShippingNotes: String?
    public var AddTrackingNumbers: Bool?
    public var Lines: [ShipRequestLine]
    public init(TaskID: Cin7ID, Status: TaskStatus? = .authorised, Lines: [ShipRequestLine], AddTrackingNumbers: Bool? = nil) {
        self.TaskID = TaskID
        self.Status = Status
        self.Lines = Lines
        self.AddTrackingNumbers = AddTrackingNumbers
    }
}
