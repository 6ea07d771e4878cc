import Foundation

extension PatientReport {
    // MARK: - Slide figures

    func addSlides(to doc: ReportDocument) throws {
        try doc.addHeading("Slide figures", keepWithNext: 300)
        guard !data.slides.isEmpty else {
            try doc.addParagraph("No slide registered for this patient: no thumbnail, density overlays or tiles.")
            return
        }
        let main = data.slides.first { $0.stain == "H&E" && $0.thumbnail != nil } ?? data.slides[0]
        try addMainSlide(main, to: doc)
        let others = data.slides.filter { $0 != main }
        if !others.isEmpty { try addOtherSlides(others, to: doc) }
    }

    private func addMainSlide(_ s: SlideFigureData, to doc: ReportDocument) throws {
        try doc.addHeading("Slide \(s.slideID) (\(s.stain))", level: 2, keepWithNext: 200)
        if !s.notes.isEmpty { try doc.addParagraph(s.notes.joined(separator: " "), style: .small) }
        guard let thumb = s.thumbnail else {
            try doc.addGraphic(FactsBox(title: "Slide", facts: facts(s)), height: 110)
            return
        }
        let overview: SlideFigure
        if let att = s.attention {
            overview = SlideFigure(image: thumb, micronsPerPixel: s.thumbnailMicronsPerPixel, heatmap: att, heatmapAlpha: 0.55,
                                   heatmapTitle: "Attention (× slide max)", caption: "Thumbnail with the model's tile attention.")
        } else {
            overview = SlideFigure(image: thumb, micronsPerPixel: s.thumbnailMicronsPerPixel,
                                   caption: "Thumbnail (lowest pyramid level). No model score yet: no attention map.")
        }
        let til: any ReportGraphic = s.lymphocyteDensity.map {
            SlideFigure(image: thumb, micronsPerPixel: s.thumbnailMicronsPerPixel, heatmap: $0, heatmapAlpha: 0.6,
                        heatmapTitle: "TILs (cells/mm²)", caption: "Lymphocyte (TIL) density per tile.")
        } ?? FactsBox(title: "TIL density", facts: [["Status", "Slide not quantified: no tile densities."]])
        let rowHeight = figureRowHeight(thumb, doc: doc)
        try doc.addGraphics([overview, til], height: rowHeight)
        let tam: any ReportGraphic = s.macrophageDensity.map {
            SlideFigure(image: thumb, micronsPerPixel: s.thumbnailMicronsPerPixel, heatmap: $0, heatmapAlpha: 0.6,
                        heatmapTitle: "TAMs (cells/mm²)", caption: "Macrophage (TAM) density per tile.")
        } ?? FactsBox(title: "TAM density", facts: [["Status", "Slide not quantified: no tile densities."]])
        try doc.addGraphics([tam, FactsBox(title: "Slide facts", facts: facts(s, notes: false))], height: rowHeight)
        guard !s.topTiles.isEmpty else {
            try doc.addParagraph("No tiles shown: " + (s.status == "quantified" ? "no tile met the selection rule." : "slide not quantified."),
                                 style: .small)
            return
        }
        try doc.addHeading("Tiles at full resolution: " + s.topTilesRule, level: 2, keepWithNext: 230)
        let captions = s.topTiles.enumerated().map { i, t -> String in
            var c = "#\(i + 1) at (\(t.x), \(t.y)) px"
            if let a = t.relativeAttention { c += ", attention " + ReportFormat.number(a, digits: 2) + " × max" }
            if let d = t.lymphocyteDensityPerMm2 { c += ", TILs " + ReportFormat.density(d) + "/mm²" }
            return c
        }
        try doc.addGraphic(TileStrip(tiles: s.topTiles, cellClassNames: s.cellClassNames, captions: captions), height: 175)
        if s.cellClassNames.isEmpty {
            try doc.addParagraph("Cells are not marked: cell detection was not run for these tiles.", style: .small)
        }
    }

    private func addOtherSlides(_ slides: [SlideFigureData], to doc: ReportDocument) throws {
        try doc.addHeading("Other slides", level: 2, keepWithNext: 160)
        // Three per row at thumbnail size: IHC companions are context, the H&E above carries the figures.
        for start in stride(from: 0, to: slides.count, by: 3) {
            let chunk = slides[start..<min(start + 3, slides.count)]
            var graphics: [any ReportGraphic] = []
            for s in chunk {
                if let thumb = s.thumbnail {
                    let note = s.notes.isEmpty ? "" : " " + s.notes.joined(separator: " ")
                    graphics.append(SlideFigure(image: thumb, micronsPerPixel: s.thumbnailMicronsPerPixel,
                                                caption: "\(s.slideID) (\(s.stain)), status \(s.status).\(note)"))
                } else {
                    graphics.append(FactsBox(title: "\(s.slideID) (\(s.stain))", facts: facts(s)))
                }
            }
            while graphics.count < 3 { graphics.append(FactsBox(title: "", facts: [])) }
            try doc.addGraphics(graphics, height: 150)
        }
    }

    /// Height of a row of two slide figures: the image fills the width left of the colour bar
    /// (64 pt + 6 pt gap), plus room for a two-line caption; at most 260 pt.
    func figureRowHeight(_ image: RGBImage, doc: ReportDocument, gap: Double = 14) -> Double {
        let width = (doc.contentRect.width - gap) / 2 - 70
        return min(260, width * Double(image.height) / Double(max(image.width, 1)) + 24)
    }

    func facts(_ s: SlideFigureData, notes: Bool = true) -> [[String]] {
        var f: [[String]] = [["Slide", s.slideID], ["Stain", s.stain], ["Status", s.status]]
        if let w = s.widthPixels, let h = s.heightPixels { f.append(["Size", "\(w) × \(h) px"]) }
        if let mpp = s.micronsPerPixel {
            f.append(["Resolution", ReportFormat.number(mpp, digits: 3) + " µm/px"])
            if let w = s.widthPixels, let h = s.heightPixels {
                f.append(["Extent", ReportFormat.number(Double(w) * mpp / 1000, digits: 1) + " × "
                          + ReportFormat.number(Double(h) * mpp / 1000, digits: 1) + " mm"])
            }
        }
        if s.slideID == data.tissue?.slideID, let a = data.tissue?.tissueAreaMm2 {
            f.append(["Tissue analysed", ReportFormat.number(a, digits: 1) + " mm²"])
        }
        if notes { for n in s.notes { f.append(["Note", n]) } }
        return f
    }
}
