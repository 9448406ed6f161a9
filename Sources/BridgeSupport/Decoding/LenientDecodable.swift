/// An API model read leniently where it is nested: a value of the wrong shape reads as nil (or, in a list, is
/// skipped) instead of failing the answer around it. Types opt in, so other `Decodable` types keep strict decoding.
public protocol LenientDecodable: Decodable {}
