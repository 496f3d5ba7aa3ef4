package cn.duban.notify;

import org.springframework.stereotype.Component;

/**
 * The in-app inbox (站内消息): always there for everyone, including people without an e-mail address. Writes in the
 * deliverer's transaction, together with marking the delivery done: each message arrives exactly once.
 */
@Component
class InboxChannel implements NotificationChannel {

  static final String NAME = "inbox";

  private final InboxRepository inbox;
  private final NotifyProperties properties;

  InboxChannel(InboxRepository inbox, NotifyProperties properties) {
    this.inbox = inbox;
    this.properties = properties;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean enabled() {
    return properties.inbox().enabled();
  }

  @Override
  public boolean transactional() {
    return true;
  }

  @Override
  public String label() {
    return "站内通知";
  }

  @Override
  public DeliveryOutcome deliver(NotificationMessage message) {
    inbox.insert(message.id(), message.recipient(), message.createdAt());
    return DeliveryOutcome.sent();
  }
}
