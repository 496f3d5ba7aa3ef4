package cn.duban.system;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * With no database configured, starts the embedded PostgreSQL before the application context is refreshed (listed in
 * META-INF/spring.factories), and hands it to the context as the bean {@value #BEAN}: the context closes it, and a
 * start-up that fails on the way stops it too. {@link EmbeddedDatabaseConfiguration} uses it.
 */
public class EmbeddedDatabaseStartup implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  static final String BEAN = "embeddedPostgresServer";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    if (!EmbeddedDatabaseConfiguration.isEmbedded(context.getEnvironment())
        || !(context.getBeanFactory() instanceof DefaultListableBeanFactory beans)) {
      return;
    }
    DubanProperties.Embedded settings = Binder.get(context.getEnvironment())
        .bindOrCreate("duban.database.embedded", DubanProperties.Embedded.class);
    EmbeddedPostgresServer server = EmbeddedPostgresServer.start(settings);
    beans.registerSingleton(BEAN, server);
    beans.registerDisposableBean(BEAN, server::close);
    context.addApplicationListener(new ApplicationListener<ApplicationFailedEvent>() {
      @Override
      public void onApplicationEvent(ApplicationFailedEvent event) {
        server.close();
      }
    });
  }
}
