package cn.duban.operations;

import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.actuate.autoconfigure.metrics.MeterRegistryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.duban.item.ItemLight;
import cn.duban.item.ItemQueries;
import cn.duban.notify.OutboxFigures;
import cn.duban.system.web.NodeProperties;

/**
 * duban's own figures: open items by light and the outbox per channel. Read from the database (bureau-wide, the
 * same on every node), at most once per {@code duban.metrics.cache-for}. List imports are timed where they happen
 * ({@code duban.list.imports}, lists' ListImport).
 */
@Configuration(proxyBeanMethods = false)
class DomainMetrics {

  /** Every figure names the node it comes from ({@code DUBAN_NODE_NAME}, or the host name). */
  @Bean
  MeterRegistryCustomizer<MeterRegistry> nodeTag(NodeProperties node) {
    return registry -> registry.config().commonTags("node", node.nameOrHost());
  }

  @Bean
  MeterBinder openItemsByLight(ItemQueries items, MetricsProperties properties) {
    var lights = new Cached<Map<ItemLight, Long>>(properties.cacheFor(), items::openByLight);
    return registry -> {
      for (ItemLight light : List.of(ItemLight.GREEN, ItemLight.YELLOW, ItemLight.RED)) {
        Gauge.builder("duban.items.open", lights, of(m -> m.get(light)))
            .description("open items with this light (green on track, yellow due soon, red overdue)")
            .tag("light", light.name().toLowerCase()).strongReference(true).register(registry);
      }
    };
  }

  @Bean
  MeterBinder outbox(OutboxFigures outbox, MetricsProperties properties) {
    var figures = new Cached<>(properties.cacheFor(), outbox::read);
    return registry -> {
      Gauge.builder("duban.notify.uncomposed", figures, of(OutboxFigures.Snapshot::uncomposed))
          .description("notifications in the outbox not yet composed into a message (digests wait minutes)")
          .strongReference(true).register(registry);
      Gauge.builder("duban.notify.uncomposed.oldest.due", figures,
              of(s -> s.oldestUncomposedDue().toMillis() / 1000.0))
          .description("how long the oldest uncomposed notification has been due").baseUnit("seconds")
          .strongReference(true).register(registry);
      for (String channel : outbox.channelNames()) {
        ToDoubleFunction<Cached<OutboxFigures.Snapshot>> waiting = of(s -> channel(s, channel).waiting());
        Gauge.builder("duban.notify.backlog", figures, waiting).tag("channel", channel)
            .description("deliveries not done yet (also those held back by quiet hours or a back-off)")
            .strongReference(true).register(registry);
        Gauge.builder("duban.notify.backlog.due", figures, of(s -> channel(s, channel).due())).tag("channel", channel)
            .description("deliveries due now and not done: growing means the channel does not keep up")
            .strongReference(true).register(registry);
        Gauge.builder("duban.notify.oldest.undelivered", figures,
                of(s -> channel(s, channel).oldestDue().toMillis() / 1000.0)).tag("channel", channel)
            .description("how long the oldest due undelivered message has waited").baseUnit("seconds")
            .strongReference(true).register(registry);
        Gauge.builder("duban.notify.deliveries", figures, of(s -> channel(s, channel).sent()))
            .tags("channel", channel, "outcome", "sent")
            .description("deliveries done, bureau-wide (sent, or skipped for want of a contact)").strongReference(true).register(registry);
        Gauge.builder("duban.notify.deliveries", figures, of(s -> channel(s, channel).failed()))
            .tags("channel", channel, "outcome", "failed")
            .description("deliveries failed for good, bureau-wide").strongReference(true).register(registry);
      }
    };
  }

  private static OutboxFigures.Channel channel(OutboxFigures.Snapshot snapshot, String name) {
    return snapshot.channels().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no channel " + name));
  }

  /** A gauge's value from the cached figure; NaN while the figure is unknown. */
  static <T> ToDoubleFunction<Cached<T>> of(ToDoubleFunction<T> value) {
    return cached -> {
      T figure = cached.get();
      return figure == null ? Double.NaN : value.applyAsDouble(figure);
    };
  }
}
