import Foundation

/// Date formats CartonCloud uses: ISO 8601 date-times with an offset, and calendar dates `YYYY-MM-DD`.
public enum CartonCloudDateFormat {
    /// Parses `2026-03-13T12:10:04+10:00` (fractional seconds and `Z` accepted too).
    public static func parse(_ text: String) -> Date? {
        try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }

    /// Formats `date` as `2026-03-13T12:10:04+10:00` in `timeZone` (always a numeric offset, never `Z`).
    public static func format(_ date: Date, timeZone: TimeZone) -> String {
        let text = Date.ISO8601FormatStyle(timeZoneSeparator: .colon, timeZone: timeZone).format(date)
        return text.hasSuffix("Z") ? String(text.dropLast()) + "+00:00" : text
    }
}
