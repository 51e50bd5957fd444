package budgetron.db.command;

import budgetron.db.Main;
import budgetron.db.generate.Generator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "generate", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = {"Compare the entities with the database and write the difference as ONE new changelog file "
                + "(changelog/NNNN_NAME.sql, numbered after the last), included at the end of db.changelog-master.xml. "
                + "Writes nothing when nothing changed. The same as `mvn liquibase:diff`.",
                "The database must have every changeset applied. A column or table that disappears while a similar one appears "
                        + "is refused as a possible rename: declare it with @RenamedFrom(\"old_name\"), or pass --drop-and-add."})
public class GenerateCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions db;

    @Option(names = "--name", paramLabel = "NAME",
            description = "What the change does, for the file name and changeset ids (default: named after the first change, "
                    + "as in 0010_create-tags or 0011_add-users-preferences).")
    String name;

    @Option(names = "--drop-and-add", description = "Emit drop + add where a rename looks likely (the dropped data is lost).")
    boolean dropAndAdd;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        try (Target target = db.open(true, spec.commandLine().getErr())) {
            Generator.generate(target.url(), db.projectDir, name, dropAndAdd, spec.commandLine().getOut());
            return 0;
        }
    }
}
