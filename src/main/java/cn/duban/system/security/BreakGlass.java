package cn.duban.system.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.system.BureauClock;
import cn.duban.system.web.ConflictException;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.ForbiddenException;
import cn.duban.system.web.InvalidInputException;
import cn.duban.system.web.NotFoundException;

/**
 * 紧急授权 (break-glass): the only way to erase history in duban. Two parties are needed: the operators switch the
 * procedure on ({@code DUBAN_BREAK_GLASS_ENABLED=true}, a restart), then an admin opens a grant for themselves with
 * a reason and the reference of the written approval, for a limited time. Every erasure under the grant, and every
 * refused attempt, is kept in {@code duban.history_erasure}.
 */
@Service
public class BreakGlass {

  /** A grant: who may erase, why, until when. */
  public record Grant(long id, String grantedTo, String reason, String reference, Instant openedAt,
                      Instant expiresAt, Instant closedAt, String closedBy, boolean active) {
  }

  /** One attempt to erase history: allowed under a grant, or refused. */
  public record Erasure(long id, Instant attemptedAt, String userId, String command, String target, boolean allowed,
                        Long grantId) {
  }

  private final JdbcTemplate jdbc;
  private final BureauClock clock;
  private final BreakGlassProperties properties;

  BreakGlass(JdbcTemplate jdbc, BureauClock clock, BreakGlassProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.properties = properties;
  }

  public boolean enabled() {
    return properties.enabled();
  }

  @Transactional
  public Grant open(DubanUser user, String reason, String reference, Duration duration) {
    if (!user.isAdmin()) {
      throw new ForbiddenException("只有管理员可以申请紧急授权。");
    }
    if (!properties.enabled()) {
      throw new ConflictException("紧急授权程序未启用：须由运维人员设置 DUBAN_BREAK_GLASS_ENABLED=true 并重启 duban。");
    }
    List<FieldProblem> problems = new ArrayList<>();
    String why = reason == null ? "" : reason.strip();
    String ref = reference == null ? "" : reference.strip();
    if (why.length() < 10) {
      problems.add(new FieldProblem("reason", reason, "请写明删除历史的理由（至少 10 个字）"));
    }
    if (ref.isEmpty() || ref.length() > 100) {
      problems.add(new FieldProblem("reference", reference, "请填写书面审批的文号或工单号（不超过 100 个字符）"));
    }
    if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(properties.maxDuration()) > 0) {
      problems.add(new FieldProblem("minutes", duration == null ? null : duration.toMinutes(),
          "授权时长须在 1 到 " + properties.maxDuration().toMinutes() + " 分钟之间"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("未开启紧急授权：申请内容不完整。", problems);
    }
    if (activeGrant(user.id()).isPresent()) {
      throw new ConflictException("您已有一个有效的紧急授权，请先关闭它。");
    }
    Instant now = clock.now();
    Long id = jdbc.queryForObject("insert into duban.break_glass_grant (granted_to, reason, reference, opened_at, "
        + "expires_at) values (?, ?, ?, ?, ?) returning id", Long.class, user.id(), why, ref, Timestamp.from(now),
        Timestamp.from(now.plus(duration)));
    return grant(id).orElseThrow();
  }

  @Transactional
  public Grant close(long id, DubanUser user) {
    Grant grant = grant(id).orElseThrow(() -> new NotFoundException("紧急授权 " + id + " 不存在。"));
    if (!user.isAdmin()) {
      throw new ForbiddenException("只有管理员可以关闭紧急授权。");
    }
    jdbc.update("update duban.break_glass_grant set closed_at = ?, closed_by = ? where id = ? and closed_at is null",
        Timestamp.from(clock.now()), user.id(), grant.id());
    return grant(id).orElseThrow();
  }

  /** The open, unexpired grant of a user, while the procedure is switched on. */
  public Optional<Long> activeGrant(String userId) {
    if (!properties.enabled() || userId == null) {
      return Optional.empty();
    }
    return jdbc.queryForList("select id from duban.break_glass_grant where granted_to = ? and closed_at is null "
        + "and expires_at > ? order by id desc limit 1", Long.class, userId, Timestamp.from(clock.now()))
        .stream().findFirst();
  }

  public Optional<Grant> grant(long id) {
    return jdbc.query("select * from duban.break_glass_grant where id = ?", this::toGrant, id).stream().findFirst();
  }

  public List<Grant> grants() {
    return jdbc.query("select * from duban.break_glass_grant order by opened_at desc, id desc limit 200", this::toGrant);
  }

  public List<Erasure> erasures(int limit) {
    return jdbc.query("select * from duban.history_erasure order by attempted_at desc, id desc limit ?",
        (rs, n) -> new Erasure(rs.getLong("id"), rs.getTimestamp("attempted_at").toInstant(), rs.getString("user_id"),
            rs.getString("command"), rs.getString("target"), rs.getBoolean("allowed"),
            (Long) rs.getObject("grant_id")), limit);
  }

  /** Keeps an attempt, in the caller's transaction. */
  void record(String userId, String command, String target, boolean allowed, Long grantId) {
    jdbc.update("insert into duban.history_erasure (attempted_at, user_id, command, target, allowed, grant_id) "
        + "values (?, ?, ?, ?, ?, ?)", Timestamp.from(clock.now()), userId, command, target, allowed, grantId);
  }

  private Grant toGrant(ResultSet rs, int n) throws SQLException {
    Timestamp closed = rs.getTimestamp("closed_at");
    Instant expires = rs.getTimestamp("expires_at").toInstant();
    return new Grant(rs.getLong("id"), rs.getString("granted_to"), rs.getString("reason"), rs.getString("reference"),
        rs.getTimestamp("opened_at").toInstant(), expires, closed == null ? null : closed.toInstant(),
        rs.getString("closed_by"), closed == null && expires.isAfter(clock.now()) && properties.enabled());
  }
}
