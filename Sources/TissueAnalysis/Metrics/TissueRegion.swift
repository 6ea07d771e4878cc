/// Compartment of a patch or tile, decided from its cell mix (`TissueCompartmentParameters`).
public enum TissueRegion: String, Sendable, Hashable, Codable, CaseIterable {
    case tumor, stroma, mixed, background
}
