package cn.duban.organisation;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;
import cn.duban.system.web.FieldProblem;
import cn.duban.system.web.ForbiddenException;
import cn.duban.system.web.InvalidInputException;

/**
 * People's contacts (联系方式), {@code duban.person_contact}: set by admins, one by one or from a sheet; read by
 * notifications. The one writer of that table. Mobile numbers are checked here and never logged in full.
 */
@Service
public class ContactService {

  private static final Logger log = LoggerFactory.getLogger(ContactService.class);
  /** 企业微信 and 钉钉 userids: letters, digits and the few signs the platforms allow, at most 64 characters. */
  private static final Pattern PLATFORM_USER_ID = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

  private static final RowMapper<PersonContacts> ROW = (rs, i) -> new PersonContacts(rs.getString("user_id"),
      rs.getString("mobile"), rs.getString("wecom_user_id"), rs.getString("dingtalk_user_id"));

  private final JdbcTemplate jdbc;
  private final OrganisationService organisation;
  private final BureauClock clock;

  ContactService(JdbcTemplate jdbc, OrganisationService organisation, BureauClock clock) {
    this.jdbc = jdbc;
    this.organisation = organisation;
    this.clock = clock;
  }

  /** A change of one person's contacts; a null or blank field removes that contact. */
  public record ContactsUpdate(String mobile, String wecomUserId, String dingtalkUserId) {
  }

  /** The person's contacts, unmasked: for notifications, admins and the person. */
  public PersonContacts contacts(String userId) {
    return jdbc.query("select * from duban.person_contact where user_id = ?", ROW, userId).stream().findFirst()
        .orElse(PersonContacts.none(userId));
  }

  /** What {@code viewer} may see of a person's contacts: all of it for admins and the person, the number masked else. */
  public PersonContacts contactsFor(String userId, DubanUser viewer) {
    PersonContacts contacts = contacts(userId);
    return viewer.isAdmin() || viewer.id().equals(userId) ? contacts : contacts.masked();
  }

  /** Every stored contact by user id. */
  public Map<String, PersonContacts> all() {
    Map<String, PersonContacts> all = new LinkedHashMap<>();
    jdbc.query("select * from duban.person_contact order by user_id", ROW).forEach(c -> all.put(c.userId(), c));
    return all;
  }

  /** Replaces a person's contacts (admins only); 422 naming the field when a value is not acceptable. */
  @Transactional
  public PersonContacts set(String userId, ContactsUpdate update, DubanUser by) {
    requireAdmin(by);
    List<FieldProblem> problems = new ArrayList<>();
    PersonContacts contacts = checked(userId, update, "", problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems.get(0).message(), problems);
    }
    save(contacts, by, clock.now());
    log.info("Contacts of {} set by {}: mobile {}, wecom {}, dingtalk {}", userId, by.id(),
        PersonContacts.maskMobile(contacts.mobile()), contacts.wecomUserId(), contacts.dingtalkUserId());
    return contacts;
  }

  /**
   * Sets the contacts of every person in a sheet, all or nothing: every problem of every row is reported at once
   * (422) and nothing is written unless there is none. Columns a sheet does not have are left as they are.
   */
  @Transactional
  public int importSheet(byte[] content, String fileName, DubanUser by) {
    requireAdmin(by);
    ContactSheet sheet = ContactSheet.read(content, fileName);
    List<FieldProblem> problems = new ArrayList<>(sheet.problems());
    Map<String, PersonContacts> rows = new LinkedHashMap<>();
    for (ContactSheet.Row row : sheet.rows()) {
      String where = "第 " + row.number() + " 行";
      if (rows.containsKey(row.userId())) {
        problems.add(new FieldProblem("用户名", row.userId(), where + "：用户「" + row.userId() + "」在表中出现了两次"));
        continue;
      }
      PersonContacts current = row.userId() == null ? null : contacts(row.userId());
      ContactsUpdate update = new ContactsUpdate(
          sheet.hasMobile() ? row.mobile() : current == null ? null : current.mobile(),
          sheet.hasWecom() ? row.wecomUserId() : current == null ? null : current.wecomUserId(),
          sheet.hasDingtalk() ? row.dingtalkUserId() : current == null ? null : current.dingtalkUserId());
      PersonContacts checked = checked(row.userId(), update, where + "：", problems);
      if (checked != null) {
        rows.put(row.userId(), checked);
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("联系方式表有 " + problems.size() + " 处问题，未导入任何一行，请改正后重新导入。", problems);
    }
    Instant now = clock.now();
    rows.values().forEach(c -> save(c, by, now));
    log.info("Contacts of {} people imported by {} from {}", rows.size(), by.id(), fileName);
    return rows.size();
  }

  /** The person with this mobile number, if any (a number belongs to one person). */
  Optional<String> ownerOfMobile(String mobile) {
    return jdbc.queryForList("select user_id from duban.person_contact where mobile = ?", String.class, mobile)
        .stream().findFirst();
  }

  private PersonContacts checked(String userId, ContactsUpdate update, String where, List<FieldProblem> problems) {
    int before = problems.size();
    if (userId == null || userId.isBlank()) {
      problems.add(new FieldProblem("userId", userId, where + "缺少用户名"));
      return null;
    }
    if (!organisation.userExists(userId)) {
      problems.add(new FieldProblem("userId", userId, where + "用户「" + userId + "」不存在，请先在 Camunda Admin 中创建"));
      return null;
    }
    String mobile = mobile(update.mobile());
    if (mobile != null && !PersonContacts.MOBILE.matcher(mobile).matches()) {
      // the number is not repeated in the answer (answers and logs never carry a number in full)
      problems.add(new FieldProblem("mobile", PersonContacts.maskMobile(mobile), where + "手机号（" + mobile.length()
          + " 个字符）不是 11 位大陆手机号：应为 1 开头、第二位 3–9 的 11 位数字"));
    }
    if (mobile != null && PersonContacts.MOBILE.matcher(mobile).matches()) {
      ownerOfMobile(mobile).filter(owner -> !owner.equals(userId)).ifPresent(owner -> problems.add(new FieldProblem(
          "mobile", PersonContacts.maskMobile(mobile), where + "手机号 " + PersonContacts.maskMobile(mobile)
          + " 已登记为用户「" + owner + "」的号码，一个号码只能属于一个人")));
    }
    String wecom = platformUserId(update.wecomUserId(), "wecomUserId", "企业微信账号", where, problems);
    String dingtalk = platformUserId(update.dingtalkUserId(), "dingtalkUserId", "钉钉账号", where, problems);
    return problems.size() == before ? new PersonContacts(userId, mobile, wecom, dingtalk) : null;
  }

  /** Spaces, dashes and a leading +86 or 86 are what people type around a number; they are dropped. */
  static String mobile(String typed) {
    if (typed == null || typed.isBlank()) {
      return null;
    }
    String digits = typed.strip().replaceAll("[\\s\\-()（）]", "");
    if (digits.startsWith("+86")) {
      digits = digits.substring(3);
    } else if (digits.startsWith("86") && digits.length() == 13) {
      digits = digits.substring(2);
    }
    return digits;
  }

  private static String platformUserId(String value, String field, String label, String where,
                                       List<FieldProblem> problems) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String id = value.strip();
    if (!PLATFORM_USER_ID.matcher(id).matches()) {
      problems.add(new FieldProblem(field, id, where + label + "「" + id
          + "」不正确：只能含字母、数字和 _ . @ -，最长 64 个字符（在管理后台的成员详情中可以查到）"));
    }
    return id;
  }

  private void save(PersonContacts c, DubanUser by, Instant now) {
    jdbc.update("insert into duban.person_contact (user_id, mobile, wecom_user_id, dingtalk_user_id, updated_at, "
            + "updated_by) values (?, ?, ?, ?, ?, ?) on conflict (user_id) do update set mobile = excluded.mobile, "
            + "wecom_user_id = excluded.wecom_user_id, dingtalk_user_id = excluded.dingtalk_user_id, "
            + "updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        c.userId(), c.mobile(), c.wecomUserId(), c.dingtalkUserId(), Timestamp.from(now), by.id());
  }

  private static void requireAdmin(DubanUser user) {
    if (!user.isAdmin()) {
      throw new ForbiddenException("只有管理员可以设置联系方式。");
    }
  }
}
