// swift-tools-version:6.0
import PackageDescription

// The module map of ../shared/DESIGN.md. Dependencies point one way:
// tme → Pipeline → computation modules + BiomarkerStore → {SlideIO, TMECore} → C targets.
let package = Package(
    name: "TMEScope",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tme", targets: ["tme"]),
        .executable(name: "tme-bench", targets: ["tme-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // MARK: - C libraries (Debian packages)
        .systemLibrary(name: "CTIFF", pkgConfig: "libtiff-4", providers: [.apt(["libtiff-dev"])]),
        .systemLibrary(name: "CCairo", pkgConfig: "cairo", providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(name: "CPango", pkgConfig: "pangocairo", providers: [.apt(["libpango1.0-dev"])]),
        .systemLibrary(name: "COpenBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // posix_spawn with closefrom and the wait-status macros, which Swift cannot import.
        .target(name: "CProcess"),
        .target(name: "CJPEG", linkerSettings: [.linkedLibrary("jpeg")]),
        // glibc's mallopt (not imported by Swift's Glibc module): keep freed tile buffers for reuse.
        .target(name: "CMalloc"),

        // MARK: - Libraries
        .target(name: "TMECore", exclude: ["README.md"]),
        .target(name: "Tabular", exclude: ["README.md"]),
        .target(name: "BiomarkerStore", dependencies: ["CLibPQ", "CProcess", "TMECore"], exclude: ["README.md"]),
        .target(name: "Genomics", dependencies: ["Tabular"], exclude: ["README.md"]),
        .target(name: "SlideIO", dependencies: ["CTIFF", "CZlib", "TMECore"], exclude: ["README.md"]),
        .target(name: "Survival", dependencies: ["TMECore"], exclude: ["README.md"]),
        .target(name: "CohortSimulator", dependencies: ["SlideIO", "TMECore"], exclude: ["README.md"]),
        .target(name: "FusionModel", dependencies: ["COpenBLAS", "Survival", "TMECore"], exclude: ["README.md"]),
        .target(name: "Reports", dependencies: ["CCairo", "CJPEG", "CPango", "TMECore"], exclude: ["README.md"]),
        .target(name: "TissueAnalysis", dependencies: ["TMECore"], exclude: ["README.md"]),
        .target(name: "InstanSeg", dependencies: ["COpenBLAS", "CZlib", "TMECore"], exclude: ["README.md"]),
        .target(name: "Pipeline", dependencies: ["BiomarkerStore", "TMECore", "Tabular", "Genomics", "CZlib", "Survival", "FusionModel",
                                             "Reports", "SlideIO", "TissueAnalysis", "InstanSeg", "CohortSimulator"], exclude: ["README.md", "Reports/README.md", "Quantify/README.md"]),

        // Process-wide settings (allocator, OpenBLAS threads) that only the executables apply.
        .target(name: "ProcessTuning", dependencies: ["CMalloc", "FusionModel"], exclude: ["README.md"]),

        // MARK: - Executables
        // The CLI sees Pipeline only (its Workspace for the database), plus the executables' process tuning.
        .executableTarget(name: "tme", dependencies: [
            "Pipeline", "ProcessTuning",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "tme-bench", dependencies: [
            "SlideIO", "CohortSimulator",
            "FusionModel",
            "InstanSeg",
            "TissueAnalysis",
            "Pipeline", "BiomarkerStore", "TMECore", "Survival", "ProcessTuning",
            "TestSupport",  // ReportFixture: the seeded report cohort `tme-bench report` times
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // MARK: - Tests
        // Pipeline: the report fixture stores a real run's quantification parameters (CohortQuantify.runParametersJSON).
        .target(name: "TestSupport", dependencies: ["BiomarkerStore", "TMECore", "SlideIO", "Pipeline"], path: "Tests/TestSupport"),
        .testTarget(name: "TMECoreTests", dependencies: ["TMECore"]),
        .testTarget(name: "TabularTests", dependencies: ["Tabular"]),
        .testTarget(name: "SlideIOTests", dependencies: ["SlideIO", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "GenomicsTests", dependencies: ["Genomics", "Pipeline", "Tabular"], exclude: ["Fixtures"]),
        .testTarget(name: "CohortSimulatorTests", dependencies: ["CohortSimulator", "SlideIO"]),
        .testTarget(name: "IngestTests", dependencies: ["Pipeline", "Genomics", "BiomarkerStore", "TestSupport", "CohortSimulator"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "FusionModelTests", dependencies: ["FusionModel"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportPipelineTests", dependencies: ["Pipeline", "Reports", "BiomarkerStore", "TestSupport", "SlideIO"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "TissueAnalysisTests", dependencies: ["TissueAnalysis", "TMECore"], exclude: ["Fixtures"]),
        .testTarget(name: "InstanSegTests", dependencies: ["InstanSeg", "CZlib", "TMECore"], exclude: ["Fixtures"]),
        .testTarget(name: "SurvivalTests", dependencies: ["Survival", "Pipeline", "Tabular", "TMECore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "BiomarkerStore", "SlideIO", "TestSupport"]),
        .testTarget(name: "QuantifyTests", dependencies: ["Pipeline", "CohortSimulator", "TissueAnalysis", "BiomarkerStore", "TestSupport",
                                                 "InstanSeg", "SlideIO"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ModelPipelineTests", dependencies: ["Pipeline", "FusionModel", "BiomarkerStore", "TestSupport", "CohortSimulator"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "BiomarkerStoreTests", dependencies: ["BiomarkerStore", "Pipeline", "TestSupport"]),
    ]
)
