/// The preview's progress (step 3).
public enum PreviewState: Sendable, Equatable {
    case notLoaded, loading, loaded
    case failed(String)
}
