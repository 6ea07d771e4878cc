/// A lookup-table colormap for scalar values in 0…1.
///
/// `viridis` is perceptually uniform and stays monotone in lightness, so heatmaps read correctly
/// in greyscale and for colour-blind readers (van der Walt & Smith 2015, matplotlib's default).
/// Lookup matches matplotlib's `Colormap.__call__` for floats: index = min(⌊t·N⌋, N − 1) with
/// t clamped to 0…1 (N = 256), so `viridis.color(at: 0.5)` equals `matplotlib.cm.viridis(0.5)`.
public struct Colormap: Sendable, Hashable, Codable {
    public let name: String
    /// Entries as 0xRRGGBB, from value 0 to value 1.
    public let table: [UInt32]

    public init(name: String, table: [UInt32]) {
        self.name = name
        self.table = table.isEmpty ? [0x000000, 0xFFFFFF] : table
    }

    public static let viridis = Colormap(name: "viridis", table: Colormap.viridisTable)

    /// Table index for `t`; nil for NaN (draw nothing).
    public func index(at t: Double) -> Int? {
        guard !t.isNaN else { return nil }
        let clamped = min(max(t, 0), 1)
        return min(Int(clamped * Double(table.count)), table.count - 1)
    }

    /// 8-bit sRGB components for `t` in 0…1 (clamped); nil for NaN.
    public func rgb8(at t: Double) -> (red: UInt8, green: UInt8, blue: UInt8)? {
        guard let i = index(at: t) else { return nil }
        let v = table[i]
        return (UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF))
    }

    /// The colour for `t` in 0…1 (clamped); nil for NaN.
    public func color(at t: Double) -> RGBColor? {
        guard let i = index(at: t) else { return nil }
        return RGBColor(hex: table[i])
    }
}
