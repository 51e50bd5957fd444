package budgetron.db.spring;

import budgetron.db.config.Project;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.domain.EntityScanPackages;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Budgetron's entities (budgetron.db.entity) added to the packages JPA scans, beside the
 * application's own: without @EntityScan Boot scans the auto-configuration packages; with one, the
 * packages it names. Both get this one.
 */
class BudgetronEntities implements ImportBeanDefinitionRegistrar {
    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        AutoConfigurationPackages.register(registry, Project.DEFAULT_ENTITY_PACKAGE);
        // only when the application has an @EntityScan: registering it alone would replace the application's packages
        if (registry.containsBeanDefinition(EntityScanPackages.class.getName())) {
            EntityScanPackages.register(registry, Project.DEFAULT_ENTITY_PACKAGE);
        }
    }
}
