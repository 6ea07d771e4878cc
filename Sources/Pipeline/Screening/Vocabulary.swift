import BiomarkerStore

/// The controlled vocabularies that live in the database (migration 040): tumour types as OncoTree codes
/// (`tme.tumor_types`, `tme.tumor_type_synonyms`) and histology terms (`tme.histologies`, `tme.histology_synonyms`),
/// each a tree. A value resolves through its lower-case synonym to a node; a criterion on a node selects the
/// node and every descendant (NSCLC → NSCLC, LUAD, LUSC, LCLC, LUAS).
public enum Vocabulary: String, Sendable, CaseIterable {
    case tumorType = "tumor type"
    case histology

    var synonymsSQL: String {
        switch self {
        case .tumorType: "SELECT synonym, code FROM tme.tumor_type_synonyms"
        case .histology: "SELECT synonym, term AS code FROM tme.histology_synonyms"
        }
    }

    var nodesSQL: String {
        switch self {
        case .tumorType: "SELECT code, parent_code AS parent FROM tme.tumor_types ORDER BY code"
        case .histology: "SELECT term AS code, parent_term AS parent FROM tme.histologies ORDER BY term"
        }
    }

    /// The vocabulary's nodes and synonyms as read from the database.
    public struct Table: Sendable {
        public var synonyms: [String: String]
        /// Node → parent (nil at a root), and the nodes in display order.
        public var parents: [String: String?]
        public var nodes: [String]

        /// The node a free-text value names (case and surrounding spaces ignored), or nil.
        public func node(for value: String) -> String? {
            synonyms[value.trimmingCharacters(in: .whitespaces).lowercased()]
        }

        /// `node` and every node below it.
        public func subtree(_ node: String) -> [String] {
            var out = [node]
            var frontier = [node]
            while let n = frontier.popLast() {
                let children = nodes.filter { parents[$0] ?? nil == n }
                out += children
                frontier += children
            }
            return out
        }
    }

    public func load(on connection: Connection) throws -> Table {
        var synonyms: [String: String] = [:]
        for r in try connection.query(synonymsSQL, [], name: "vocabulary synonyms") { synonyms[try r.decode("synonym")] = try r.decode("code") }
        var parents: [String: String?] = [:]
        var nodes: [String] = []
        for r in try connection.query(nodesSQL, [], name: "vocabulary nodes") {
            let code: String = try r.decode("code")
            parents[code] = try r.decode("parent", as: String?.self)
            nodes.append(code)
        }
        return Table(synonyms: synonyms, parents: parents, nodes: nodes)
    }
}
