import Foundation

/// The nucleus features a trainable classifier sees, in a fixed order. Names are stored with a trained model
/// and checked when it is loaded.
public enum CellFeature: String, Sendable, Hashable, Codable, CaseIterable {
    case logArea, perimeter, circularity, eccentricity, solidity, majorAxis, minorAxis
    case hematoxylinMean, hematoxylinStd, hematoxylinCV, ringEosinMean, ringHematoxylinMean

    /// Value of this feature for `n` (µm, µm², OD; logArea = ln(area / 1 µm²)).
    public func value(of n: Nucleus) -> Double {
        switch self {
        case .logArea: log(max(n.areaSquareMicrons, 1e-6))
        case .perimeter: n.perimeterMicrons
        case .circularity: n.circularity
        case .eccentricity: n.eccentricity
        case .solidity: n.solidity
        case .majorAxis: n.majorAxisMicrons
        case .minorAxis: n.minorAxisMicrons
        case .hematoxylinMean: n.hematoxylinMean
        case .hematoxylinStd: n.hematoxylinStd
        case .hematoxylinCV: n.hematoxylinStd / max(n.hematoxylinMean, 1e-6)
        case .ringEosinMean: n.ringEosinMean
        case .ringHematoxylinMean: n.ringHematoxylinMean
        }
    }

    /// All features of `n` in `allCases` order.
    public static func vector(of n: Nucleus) -> [Double] { allCases.map { $0.value(of: n) } }
}

/// Assigns a class to each nucleus.
public protocol CellClassifier: Sendable {
    func classify(_ nucleus: Nucleus) -> CellClass
}

extension CellClassifier {
    /// Classes of `nuclei`, in order.
    public func classify(_ nuclei: [Nucleus]) -> [CellClass] { nuclei.map { classify($0) } }
}
