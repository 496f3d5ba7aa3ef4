package cn.duban.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Runs the delivery job every {@code duban.notify.poll-interval} (after the previous run has finished) unless
 * {@code duban.notify.scheduler-enabled} is false. Registered programmatically rather than with
 * {@code @Scheduled(fixedDelayString = "${…}")} so that the interval and the switch come from the typed
 * {@link NotifyProperties} with their defaults in one place.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class NotificationScheduling implements SchedulingConfigurer {

  private static final Logger log = LoggerFactory.getLogger(NotificationScheduling.class);

  private final NotificationDeliverer deliverer;
  private final RobotDigests robotDigests;
  private final NotifyProperties properties;

  NotificationScheduling(NotificationDeliverer deliverer, RobotDigests robotDigests, NotifyProperties properties) {
    this.deliverer = deliverer;
    this.robotDigests = robotDigests;
    this.properties = properties;
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    if (!properties.schedulerEnabled()) {
      log.info("Notification delivery job is off (duban.notify.scheduler-enabled=false)");
      return;
    }
    log.info("Notification delivery job every {} through {}", properties.pollInterval(), deliverer.activeChannels());
    // the first run waits one interval too, so that start-up (demo data, the engine's jobs) comes first
    registrar.addFixedDelayTask(new FixedDelayTask(this::deliverDue, properties.pollInterval(), properties.pollInterval()));
  }

  private void deliverDue() {
    try {
      // the units' daily robot digests join the queue once it is time (one per unit and day, on any node)
      robotDigests.composeDue();
      NotificationDeliverer.Run run = deliverer.deliverDue();
      if (run.didWork()) {
        log.debug("Notifications: {}", run);
      }
    } catch (RuntimeException e) {
      // the database may be briefly unreachable: the next run tries again
      log.warn("Notification delivery run failed: {}", e.toString());
    }
  }
}
