/// The plot area of a chart and its two axes: computes room for the title, tick labels and axis
/// titles inside the chart's rectangle, maps data to points, and draws grid, axes and title.
struct ChartFrame {
    let bounds: Rect
    let plot: Rect
    let x: Axis
    let y: Axis
    let title: String
    let titleStyle = TextStyle(sizePoints: 9, weight: .bold, overflow: .ellipsis)
    static let tickLength = 3.0
    /// Indices of the x tick labels that fit without overlapping.
    let shownXLabels: [Int]
    /// Widest y tick label, in points.
    let yLabelWidth: Double

    /// - Parameters:
    ///   - topReserve: points kept between the title and the plot (legends).
    ///   - bottomReserve: points kept under the x-axis title (numbers-at-risk tables).
    ///   - minLeft: minimum room left of the plot (row labels of tables under the axis).
    ///   - square: make the plot area square (ROC, calibration).
    init(canvas: Canvas, rect: Rect, title: String, x: Axis, y: Axis, topReserve: Double = 0,
         bottomReserve: Double = 0, minLeft: Double = 0, square: Bool = false, showYAxis: Bool = true) throws {
        self.bounds = rect; self.x = x; self.y = y; self.title = title
        let tick = TextStyle.tickLabel, axisTitle = TextStyle.axisTitle
        let labelHeight = try canvas.measure("0", style: tick).height
        let axisTitleHeight = try canvas.measure("0", style: axisTitle).height
        let titleHeight = title.isEmpty ? 0 : try canvas.measure(title, style: titleStyle).height + 4
        var yLabelWidth = 0.0
        if showYAxis {
            for l in y.labels { yLabelWidth = max(yLabelWidth, try canvas.measure(l, style: tick).width) }
        }
        self.yLabelWidth = yLabelWidth
        let lastXLabel = try x.labels.last.map { try canvas.measure($0, style: tick).width } ?? 0
        let yTitleRoom = (showYAxis && !y.title.isEmpty) ? axisTitleHeight + 3 : 0
        let left = max(minLeft, yTitleRoom + yLabelWidth + ChartFrame.tickLength + 3)
        let top = titleHeight + topReserve + (showYAxis ? labelHeight / 2 : 2)
        let xTitleRoom = x.title.isEmpty ? 0 : axisTitleHeight + 2
        let bottom = ChartFrame.tickLength + 2 + labelHeight + 2 + xTitleRoom + bottomReserve
        let right = max(lastXLabel / 2 + 1, 4)
        var plot = rect.inset(top: top, left: left, bottom: bottom, right: right)
        if square, plot.width != plot.height {
            let side = min(plot.width, plot.height)
            plot = Rect(x: plot.x, y: plot.y, width: side, height: side)
        }
        self.plot = plot
        // Thin x labels until neighbours are at least 4 pt apart.
        var widths: [Double] = []
        for l in x.labels { widths.append(try canvas.measure(l, style: tick).width) }
        var stride = 1
        func fits(_ s: Int) -> Bool {
            var previousRight = -Double.infinity
            for i in Swift.stride(from: 0, to: x.ticks.count, by: s) {
                let cx = plot.minX + x.fraction(x.ticks[i]) * plot.width
                if cx - widths[i] / 2 < previousRight + 4 { return false }
                previousRight = cx + widths[i] / 2
            }
            return true
        }
        while stride < max(x.ticks.count, 1), !fits(stride) { stride += 1 }
        shownXLabels = Array(Swift.stride(from: 0, to: x.ticks.count, by: stride))
    }

    func px(_ v: Double) -> Double { plot.minX + x.fraction(v) * plot.width }
    func py(_ v: Double) -> Double { plot.maxY - y.fraction(v) * plot.height }
    func point(_ vx: Double, _ vy: Double) -> Point { Point(x: px(vx), y: py(vy)) }

    /// Bottom of the x-axis title: where a table under the axis may start.
    var belowAxis: Double {
        plot.maxY + ChartFrame.tickLength + 2 + 9.5 + 2 + (x.title.isEmpty ? 0 : 11)
    }

    func drawTitle(on canvas: Canvas) throws {
        guard !title.isEmpty else { return }
        try canvas.drawLabel(title, at: Point(x: bounds.minX, y: bounds.minY), anchor: .topLeft,
                             style: titleStyle, maxWidth: bounds.width)
    }

    func drawGrid(on canvas: Canvas, horizontal: Bool = true, vertical: Bool = false) throws {
        if horizontal {
            for t in y.ticks { try canvas.line(from: point(x.lower, t), to: point(x.upper, t), color: Palette.grid, lineWidth: 0.4) }
        }
        if vertical {
            for t in x.ticks { try canvas.line(from: point(t, y.lower), to: point(t, y.upper), color: Palette.grid, lineWidth: 0.4) }
        }
    }

    func drawAxes(on canvas: Canvas, showYAxis: Bool = true) throws {
        let ink = Palette.ink, tick = TextStyle.tickLabel
        try canvas.line(from: Point(x: plot.minX, y: plot.maxY), to: Point(x: plot.maxX, y: plot.maxY), color: ink, lineWidth: 0.6)
        for i in shownXLabels {
            let cx = px(x.ticks[i])
            try canvas.line(from: Point(x: cx, y: plot.maxY), to: Point(x: cx, y: plot.maxY + ChartFrame.tickLength), color: ink, lineWidth: 0.6)
            try canvas.drawLabel(x.labels[i], at: Point(x: cx, y: plot.maxY + ChartFrame.tickLength + 2), anchor: .topCenter, style: tick)
        }
        if !x.title.isEmpty {
            try canvas.drawLabel(x.title, at: Point(x: plot.midX, y: plot.maxY + ChartFrame.tickLength + 2 + 9.5 + 2),
                                 anchor: .topCenter, style: .axisTitle, maxWidth: bounds.width)
        }
        guard showYAxis else { return }
        try canvas.line(from: Point(x: plot.minX, y: plot.minY), to: Point(x: plot.minX, y: plot.maxY), color: ink, lineWidth: 0.6)
        for (i, t) in y.ticks.enumerated() {
            let cy = py(t)
            try canvas.line(from: Point(x: plot.minX - ChartFrame.tickLength, y: cy), to: Point(x: plot.minX, y: cy), color: ink, lineWidth: 0.6)
            try canvas.drawLabel(y.labels[i], at: Point(x: plot.minX - ChartFrame.tickLength - 2, y: cy), anchor: .middleRight, style: tick)
        }
        if !y.title.isEmpty {
            // Just left of the tick labels (not at the chart edge, which may be far away when
            // a table under the axis needs a wide label column).
            let cx = max(bounds.minX + 6, plot.minX - ChartFrame.tickLength - 3 - yLabelWidth - 8)
            try canvas.drawVerticalLabel(y.title, center: Point(x: cx, y: plot.midY), style: .axisTitle,
                                         maxLength: plot.height + 8)
        }
    }

    /// Draws a legend row of (sample, label) items from `origin` within `width`: labels at their
    /// natural width when all fit, otherwise each ellipsized to an equal share.
    static func drawLegend(on canvas: Canvas, items: [(style: SeriesStyle, label: String, marker: Bool)],
                           origin: Point, width: Double) throws {
        guard !items.isEmpty else { return }
        let style = TextStyle(sizePoints: 7.5, overflow: .ellipsis)
        var natural: [Double] = []
        for item in items { natural.append(try canvas.measure(item.label, style: style).width) }
        let sampleAndGap = 20.0 + 8.0
        let fitsNaturally = natural.reduce(0, +) + sampleAndGap * Double(items.count) <= width
        let share = width / Double(items.count)
        var x = origin.x
        for item in items {
            let cy = origin.y + 5
            if item.marker {
                try canvas.marker(item.style.marker, at: Point(x: x + 8, y: cy), size: 5.5, color: item.style.color)
            } else {
                try canvas.line(from: Point(x: x, y: cy), to: Point(x: x + 16, y: cy), color: item.style.color,
                                lineWidth: 1.6, dash: item.style.dash)
            }
            let rect = try canvas.drawLabel(item.label, at: Point(x: x + 20, y: cy), anchor: .middleLeft, style: style,
                                            maxWidth: fitsNaturally ? nil : max(share - sampleAndGap, 10))
            x = rect.maxX + 8
        }
    }
}
