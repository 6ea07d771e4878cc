import ArgumentParser

struct DB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the database: the embedded cluster under .tme/, or the server TME_DATABASE_URL / PG* point at.",
        subcommands: [DBStart.self, DBStop.self, DBStatus.self, DBMigrate.self, DBSchema.self, DBPsql.self]
    )
}
