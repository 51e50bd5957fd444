package budgetron.db.cli.command;

import budgetron.db.api.BudgetronDb;
import budgetron.db.cli.DatabaseCommand;
import budgetron.db.generate.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "generate",
        description = {"Compare the entities with the database and write the difference as ONE new changelog file "
                + "(changelog/NNNN_NAME.sql, numbered after the last), included at the end of db.changelog-master.xml. "
                + "Writes nothing when nothing changed. The same as `mvn liquibase:diff`.",
                "The entities are the project's own build (target/classes), refused if the sources are newer (run mvn compile); "
                        + "without a build, those packed in the jar.",
                "The database must have every changeset applied. A column or table that disappears while a similar one appears "
                        + "is refused as a possible rename: declare it with @RenamedFrom(\"old_name\"), or pass --drop-and-add."})
public class GenerateCommand extends DatabaseCommand {
    @Option(names = "--name", paramLabel = "NAME",
            description = "What the change does, for the file name and changeset ids (default: named after the first change, "
                    + "as in 0010_create-tags or 0011_add-users-preferences).")
    String name;

    @Option(names = "--drop-and-add", description = "Emit drop + add where a rename looks likely (the dropped data is lost).")
    boolean dropAndAdd;

    @Override
    public Integer call() {
        BudgetronDb api = api();
        Generator.Result result = api.generate(name, dropAndAdd);
        result.lines(api.project().dir(), api.database()).forEach(out()::println);
        return 0;
    }
}
