import GRDB

/// SQLite's result codes as `StoreError`s.
extension StoreError {
    init(databaseError error: DatabaseError, path: String) {
        switch error.resultCode {
        case .SQLITE_READONLY: self = .readOnly(path: path)
        case .SQLITE_FULL: self = .diskFull(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .locked(path: path)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .corrupt(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: self = .cannotOpen(path: path, detail: error.message ?? "\(error.resultCode)")
        default: self = .other(error.message ?? "\(error)")
        }
    }
}
