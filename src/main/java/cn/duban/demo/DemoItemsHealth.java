package cn.duban.demo;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import cn.duban.system.DemoMode;

/**
 * {@code demoItems} in the readiness group: out of service while the demo bureau's items are still being created
 * after the first start (people can already sign in; a load balancer or a test waiting for {@code /readyz} sees the
 * whole demo bureau). Always up outside demo mode.
 */
@Component("demoItems")
class DemoItemsHealth implements HealthIndicator {

  private final DemoMode demoMode;

  DemoItemsHealth(DemoMode demoMode) {
    this.demoMode = demoMode;
  }

  @Override
  public Health health() {
    return demoMode.itemsLoading() ? Health.outOfService().withDetail("demoItems", "演示事项正在生成").build()
        : Health.up().build();
  }
}
