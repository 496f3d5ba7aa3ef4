package cn.duban.notify;

import java.net.URI;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.organisation.OrganisationService;
import cn.duban.system.BureauClock;
import cn.duban.system.Digests;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.InvalidInputException;
import cn.duban.system.web.NotFoundException;

/**
 * Units' group robots (群机器人), {@code duban.unit_robot}, set by admins. The webhook carries the robot's token and
 * the secret signs posts: both are shown masked and never logged.
 */
@Service
public class UnitRobots {

  private static final Logger log = LoggerFactory.getLogger(UnitRobots.class);

  /** A unit's robot. */
  public record Robot(String unitId, String type, String webhook, String secret, String keyword) {

    /** As admins' pages and answers show it: the webhook's token and the secret hidden. */
    public Robot masked() {
      return new Robot(unitId, type, maskWebhook(webhook), secret == null ? null : "******", keyword);
    }

    /** Units sharing a group share its limit: the key of the rate limit. */
    String key() {
      return Digests.sha256(webhook.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public String typeLabel() {
      return switch (type) {
        case "dingtalk" -> "钉钉";
        case "wecom" -> "企业微信";
        default -> "飞书";
      };
    }
  }

  /** {@code PUT /api/admin/units/{id}/robot}. */
  public record RobotRequest(String type, String webhook, String secret, String keyword) {
  }

  private static final RowMapper<Robot> ROW = (rs, i) -> new Robot(rs.getString("unit_id"), rs.getString("type"),
      rs.getString("webhook"), rs.getString("secret"), rs.getString("keyword"));

  private final JdbcTemplate jdbc;
  private final OrganisationService organisation;
  private final BureauClock clock;

  UnitRobots(JdbcTemplate jdbc, OrganisationService organisation, BureauClock clock) {
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.clock = clock;
  }

  public boolean any() {
    return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from duban.unit_robot)", Boolean.class));
  }

  public List<Robot> all() {
    return jdbc.query("select * from duban.unit_robot order by unit_id", ROW);
  }

  public Optional<Robot> of(String unitId) {
    return jdbc.query("select * from duban.unit_robot where unit_id = ?", ROW, unitId).stream().findFirst();
  }

  @Transactional
  public Robot set(String unitId, RobotRequest request, DubanUser by) {
    if (organisation.unit(unitId).isEmpty()) {
      throw new NotFoundException("部门「" + unitId + "」不存在。");
    }
    String type = request.type() == null ? "" : request.type().strip().toLowerCase(java.util.Locale.ROOT);
    if (!List.of("dingtalk", "wecom", "feishu").contains(type)) {
      throw new InvalidInputException(new FieldProblem("type", request.type(),
          "机器人类型只能是 dingtalk（钉钉）、wecom（企业微信）或 feishu（飞书）"));
    }
    String webhook = request.webhook() == null ? "" : request.webhook().strip();
    URI uri;
    try {
      uri = URI.create(webhook);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !List.of("https", "http").contains(String.valueOf(uri.getScheme()))
        || webhook.length() > 500) {
      throw new InvalidInputException(new FieldProblem("webhook", maskWebhook(webhook),
          "Webhook 地址不正确：应为群机器人设置中复制的完整地址（https://…），最长 500 个字符"));
    }
    String secret = blankToNull(request.secret());
    if ("wecom".equals(type) && secret != null) {
      throw new InvalidInputException(new FieldProblem("secret", "******",
          "企业微信群机器人没有签名密钥（它的密钥就是地址里的 key），请不要填写 secret"));
    }
    String keyword = blankToNull(request.keyword());
    if (keyword != null && keyword.length() > 50) {
      throw new InvalidInputException(new FieldProblem("keyword", keyword, "关键词最长 50 个字符"));
    }
    jdbc.update("insert into duban.unit_robot (unit_id, type, webhook, secret, keyword, updated_at, updated_by) "
            + "values (?, ?, ?, ?, ?, ?, ?) on conflict (unit_id) do update set type = excluded.type, "
            + "webhook = excluded.webhook, secret = excluded.secret, keyword = excluded.keyword, "
            + "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        unitId, type, webhook, secret, keyword, Timestamp.from(clock.now()), by.id());
    log.info("Robot of unit {} set by {}: {} {}", unitId, by.id(), type, maskWebhook(webhook));
    return new Robot(unitId, type, webhook, secret, keyword);
  }

  @Transactional
  public boolean remove(String unitId, DubanUser by) {
    boolean removed = jdbc.update("delete from duban.unit_robot where unit_id = ?", unitId) == 1;
    if (removed) {
      log.info("Robot of unit {} removed by {}", unitId, by.id());
    }
    return removed;
  }

  /** https://oapi.dingtalk.com/robot/send?access_token=abcd…wxyz → https://oapi.dingtalk.com/robot/send?access_token=****wxyz */
  static String maskWebhook(String webhook) {
    if (webhook == null || webhook.length() < 12) {
      return "****";
    }
    int query = webhook.indexOf('?');
    int cut = query > 0 ? query + 1 : Math.max(webhook.lastIndexOf('/') + 1, webhook.length() - 8);
    String tail = webhook.substring(Math.max(cut, webhook.length() - 4));
    return webhook.substring(0, cut) + "****" + tail;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
