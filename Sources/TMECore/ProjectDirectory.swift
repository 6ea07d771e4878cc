import Foundation

/// The TMEScope checkout a command works in: where `sql/` migrations live and where the embedded
/// database keeps its state (`.tme/`).
///
/// Found, in order, from `TME_HOME`, from the working directory and its parents, and from the
/// executable's location (`.build/<config>/tme` sits three levels below the checkout), so `tme`
/// works from any sub-folder and when called by absolute path.
public struct ProjectDirectory: Sendable, Hashable {
    public let root: URL

    public init(root: URL) { self.root = root.standardizedFileURL }

    public var migrations: URL { root.appendingPathComponent("sql", isDirectory: true) }
    public var stateDirectory: URL { root.appendingPathComponent(".tme", isDirectory: true) }

    public enum LookupError: Error, CustomStringConvertible {
        case notFound(searched: [String])
        public var description: String {
            switch self {
            case .notFound(let searched):
                "could not find the TMEScope checkout (a folder with sql/001_core.sql); looked in "
                    + "\(searched.joined(separator: ", ")). Run tme from inside the checkout or set TME_HOME to it."
            }
        }
    }

    /// Locates the checkout; throws `LookupError.notFound` naming the places searched.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProjectDirectory {
        var searched: [String] = []
        if let home = environment["TME_HOME"], !home.isEmpty {
            let url = URL(fileURLWithPath: home, isDirectory: true)
            if isCheckout(url) { return ProjectDirectory(root: url) }
            searched.append("TME_HOME=\(home)")
        }
        let starts = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
            URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent(),
        ]
        for start in starts {
            var directory = start.standardizedFileURL
            while true {
                if isCheckout(directory) { return ProjectDirectory(root: directory) }
                let parent = directory.deletingLastPathComponent()
                if parent.path == directory.path { break }
                directory = parent
            }
            searched.append("\(start.path) and its parents")
        }
        throw LookupError.notFound(searched: searched)
    }

    private static func isCheckout(_ url: URL) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent("sql/001_core.sql").path)
    }
}
