package cn.duban.lists;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What checking a list needs to know about the organisation and the calendar. Lists are written by people, so units
 * and people arrive as names (纳税服务科, 张伟) as often as ids (NSFWK, zhangwei).
 */
public interface ListDirectory {

  /** A unit's id from its id or its Chinese name; empty when no unit has that id or name. */
  Optional<String> unitIdByIdOrName(String idOrName);

  /**
   * The user ids of the people with this user id or this full name (姓名). A matching user id wins and is returned
   * alone. Several ids come back when namesakes share the name (two 张伟): the checker then keeps the one that fits
   * the row (the member of the responsible unit, the leader) and asks for the user id only when that is still
   * ambiguous. Empty when nobody matches.
   */
  List<String> userIdsByIdOrName(String idOrName);

  boolean isMember(String userId, String unitId);

  /** Whether the person is a bureau leader (局领导), i.e. may be a row's 分管领导. */
  boolean isLeader(String userId);

  /**
   * The {@code workingDays}-th working day after {@code from} (statutory holidays and 调休 included).
   *
   * @throws IllegalStateException with a Chinese message when the calendar does not know a year it would need (the
   *     State Council's arrangement is not loaded): the checker reports it against the row rather than guess
   */
  LocalDate addWorkingDays(LocalDate from, int workingDays);

  /**
   * Why a count of working days from {@code from} to {@code to} may be wrong, in Chinese, e.g. because a year on the
   * way has no published arrangement and was counted Monday to Friday; empty when the count can be trusted. The
   * checker shows it as a warning on the row. A calendar that refuses such years throws from
   * {@link #addWorkingDays} instead, which makes it an error.
   */
  default Optional<String> workingDaysCaveat(LocalDate from, LocalDate to) {
    return Optional.empty();
  }
}
