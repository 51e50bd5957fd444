package budgetron.db.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * liquibase-core is on the class path (this artifact needs it), so Spring Boot's own Liquibase
 * runner would start too, look for db/changelog/db.changelog-master.yaml and fail, or run a
 * changelog a second time. budgetron-db migrates instead (or, with budgetron.db.enabled=false, a
 * container did): spring.liquibase.enabled defaults to false, at the lowest precedence, so an
 * application that sets it keeps its own value.
 */
public class SpringLiquibaseOff implements EnvironmentPostProcessor {
    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("budgetron-db defaults", Map.of("spring.liquibase.enabled", "false")));
    }
}
