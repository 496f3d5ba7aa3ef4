package cn.duban.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one application context of duban's integration tests (real PostgreSQL, real HTTP port), shared by every
 * test class that carries this annotation so the engine starts once per run.
 * Metrics are exported as in production ({@code /actuator/prometheus}; Spring Boot's tests switch that off unless
 * asked), tracing is not used.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@AutoConfigureObservability(tracing = false)
@Import({ProcessEngineCoverageConfiguration.class, TestDatabase.class, TestBureau.class, Users.class,
    StatementCounting.class})
public @interface DubanSpringTest {
}
