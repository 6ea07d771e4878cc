import SlideIO

/// Where, inside a tile, the report's full-resolution crop of `side` pixels is read.
///
/// The crop is smaller than a tile (384 px of a 1024 px tile at the defaults), and a tile at the tissue's edge can
/// be glass at its centre with its cells along one side: a centred crop would then show the reader empty glass
/// under "most attended tile". Candidate positions on a grid of `steps` × `steps` over the tile are scored by the
/// tissue fraction of the slide's tissue mask under the crop; the best wins, ties going to the position nearest
/// the centre (so a tile that is tissue throughout keeps its centred crop).
enum TileCropPlacement {
    /// Level-0 top-left corner of the crop; the centred crop when `mask` is nil or the crop fills the tile.
    static func origin(tileX: Int, tileY: Int, tileWidth: Int, tileHeight: Int, side: Int,
                       mask: TissueMask?, steps: Int = 8) -> (x: Int, y: Int) {
        let centred = (x: tileX + (tileWidth - side) / 2, y: tileY + (tileHeight - side) / 2)
        guard let mask, steps > 0, tileWidth > side || tileHeight > side else { return centred }
        // Ascending and without repeats, so ties are broken the same way in every run (reproducible reports).
        func positions(_ origin: Int, _ length: Int) -> [Int] {
            let slack = length - side
            guard slack > 0 else { return [origin + slack / 2] }
            var out: [Int] = []
            for i in 0...steps where out.last != origin + slack * i / steps { out.append(origin + slack * i / steps) }
            return out
        }
        var best = centred, bestFraction = mask.tissueFraction(level0X: centred.x, y: centred.y, width: side, height: side)
        var bestDistance = 0
        for y in positions(tileY, tileHeight) {
            for x in positions(tileX, tileWidth) {
                let fraction = mask.tissueFraction(level0X: x, y: y, width: side, height: side)
                let distance = abs(x - centred.x) + abs(y - centred.y)
                if fraction > bestFraction + 1e-9 || (abs(fraction - bestFraction) <= 1e-9 && distance < bestDistance) {
                    best = (x, y); bestFraction = fraction; bestDistance = distance
                }
            }
        }
        return best
    }
}
