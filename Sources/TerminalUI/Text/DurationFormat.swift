/// Compact durations for status text: `"8s"`, `"1m05s"`, `"2h03m"`, `"3d04h"`.
public enum DurationFormat {
    public static func short(_ duration: Duration) -> String {
        short(seconds: Int(duration.components.seconds))
    }

    public static func short(seconds: Int) -> String {
        let s = max(0, seconds)
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + twoDigits(s % 60) + "s" }
        if s < 86_400 { return "\(s / 3600)h" + twoDigits((s % 3600) / 60) + "m" }
        return "\(s / 86_400)d" + twoDigits((s % 86_400) / 3600) + "h"
    }

    private static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
