/// The TMEScope release, printed by `tme --version` and stored with every model run and report.
public enum TMEVersion {
    public static let string = "0.1.0"
}
