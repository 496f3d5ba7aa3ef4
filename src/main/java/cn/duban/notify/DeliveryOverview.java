package cn.duban.notify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.notify.NotificationRepository.DeliveryState;
import cn.duban.organisation.OrganisationService;
import cn.duban.system.BureauClock;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;
import cn.duban.system.web.NotFoundException;

/** What admins see of deliveries: figures per channel and state, the latest deliveries, and retrying failed ones. */
@Service
class DeliveryOverview {

  static final Set<String> STATUSES = Set.of("PENDING", "SENDING", "SENT", "SKIPPED", "FAILED");

  private final NotificationRepository repository;
  private final List<NotificationChannel> channels;
  private final OrganisationService organisation;
  private final BureauClock clock;

  DeliveryOverview(NotificationRepository repository, List<NotificationChannel> channels,
                   OrganisationService organisation, BureauClock clock) {
    this.repository = repository;
    this.channels = channels;
    this.organisation = organisation;
    this.clock = clock;
  }

  /** One channel's figures: waiting (due later or now), being sent, sent, skipped (no contact), failed for good (the
   * platform refused), given up (too many failed attempts), in doubt (a robot post whose result is unknown). */
  record ChannelFigures(String channel, String label, boolean enabled, long waiting, long sending, long sent,
                        long skipped, long failed, long gaveUp, long inDoubt) {
  }

  /** A delivery as admins see it: with the recipient's name and the state in Chinese. */
  record Row(long messageId, String channel, String channelLabel, String recipient, String recipientName,
             NotificationKind kind, String subject, String status, String statusLabel, int attempts,
             java.time.Instant nextAttemptAt, java.time.Instant sentAt, java.time.Instant updatedAt, String reason) {
  }

  record Overview(List<ChannelFigures> figures, List<Row> deliveries) {
  }

  @Transactional(readOnly = true)
  Overview overview(String channel, String status, int limit) {
    if (status != null && !STATUSES.contains(status)) {
      throw new InvalidInputException(new FieldProblem("status", status,
          "状态只能是 PENDING（等待）、SENDING（发送中）、SENT（已发送）、SKIPPED（已跳过）或 FAILED（失败）"));
    }
    Map<String, long[]> counts = new LinkedHashMap<>();
    channels.stream().sorted(java.util.Comparator.comparingInt(DeliveryOverview::rank))
        .forEach(c -> counts.put(c.name(), new long[7]));
    for (NotificationRepository.Figure f : repository.figures()) {
      long[] n = counts.computeIfAbsent(f.channel(), c -> new long[7]);
      int slot = switch (f.status()) {
        case "PENDING" -> 0;
        case "SENDING" -> 1;
        case "SENT" -> 2;
        case "SKIPPED" -> 3;
        default -> "GAVE_UP".equals(f.failure()) ? 5 : "IN_DOUBT".equals(f.failure()) ? 6 : 4;
      };
      n[slot] += f.count();
    }
    List<ChannelFigures> figures = new ArrayList<>();
    counts.forEach((name, n) -> figures.add(new ChannelFigures(name, label(name), enabled(name), n[0], n[1], n[2],
        n[3], n[4], n[5], n[6])));
    List<Row> rows = repository.latest(blank(channel), blank(status), Math.min(Math.max(limit, 1), 1000)).stream()
        .map(this::row).toList();
    return new Overview(figures, rows);
  }

  /** Puts a failed delivery back in the queue (after the cause is fixed: a userid, a template, a robot's secret). */
  @Transactional
  void retry(long messageId, String channel) {
    if (!repository.retry(messageId, channel, clock.now())) {
      throw new NotFoundException("没有消息 " + messageId + " 在「" + label(channel) + "」渠道上失败的发送记录。");
    }
  }

  @Transactional
  int retryAllFailed() {
    return repository.retryFailed(clock.now());
  }

  private Row row(DeliveryState d) {
    String name = d.recipient().startsWith(RobotChannel.RECIPIENT_PREFIX)
        ? organisation.unitName(d.recipient().substring(RobotChannel.RECIPIENT_PREFIX.length()))
        : organisation.personName(d.recipient());
    return new Row(d.messageId(), d.channel(), label(d.channel()), d.recipient(), name, d.kind(), d.subject(),
        d.status(), statusLabel(d), d.attempts(), d.nextAttemptAt(), d.sentAt(), d.updatedAt(), d.lastError());
  }

  static String statusLabel(DeliveryState d) {
    return switch (d.status()) {
      case "PENDING" -> d.attempts() == 0 ? "等待发送" : "等待重试";
      case "SENDING" -> "发送中";
      case "SENT" -> "已发送";
      case "SKIPPED" -> "已跳过";
      default -> switch (String.valueOf(d.failure())) {
        case "PERMANENT" -> "失败（平台拒绝）";
        case "IN_DOUBT" -> "结果未知";
        default -> "已放弃（多次失败）";
      };
    };
  }

  /** Pages list the channels as people think of them: inbox and e-mail first, then phones, then groups. */
  private static int rank(NotificationChannel channel) {
    int rank = List.of(InboxChannel.NAME, EmailChannel.NAME, WeComChannel.NAME, DingTalkChannel.NAME,
        AliyunSmsChannel.NAME, RobotChannel.NAME).indexOf(channel.name());
    return rank < 0 ? Integer.MAX_VALUE : rank;
  }

  private String label(String channel) {
    return channels.stream().filter(c -> c.name().equals(channel)).findFirst().map(NotificationChannel::label)
        .orElse(channel);
  }

  private boolean enabled(String channel) {
    return channels.stream().anyMatch(c -> c.name().equals(channel) && c.enabled());
  }

  private static String blank(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
