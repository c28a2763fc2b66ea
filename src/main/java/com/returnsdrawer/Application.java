package com.returnsdrawer;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import io.micronaut.runtime.Micronaut;

import java.util.List;

/**
 * Starts the app. The configuration is checked first, against the same property sources the app will use,
 * so a missing or malformed value stops the process with one message before any port opens.
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        PropertySource devSecrets = null;
        try (ApplicationContext probe = ApplicationContext.builder(Application.class).args(args).build()) {
            Environment environment = probe.getEnvironment().start();
            if (environment.getActiveNames().contains(DevSecrets.ENVIRONMENT)) {
                devSecrets = DevSecrets.propertySource(environment);
                environment.addPropertySource(devSecrets);
            }
            List<String> problems = ConfigurationCheck.problems(environment);
            if (!problems.isEmpty()) {
                System.err.println(ConfigurationCheck.message(problems));
                System.exit(2);
                return;
            }
        }
        var builder = Micronaut.build(args).mainClass(Application.class).banner(false);
        if (devSecrets != null) {
            builder.propertySources(devSecrets);
        }
        builder.start();
    }
}
