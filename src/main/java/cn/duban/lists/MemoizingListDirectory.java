package cn.duban.lists;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One import asks the same questions many times (the same units, people and dates on hundreds of rows): answers
 * are kept for the duration of one check, so nothing can go stale.
 */
final class MemoizingListDirectory implements ListDirectory {

  private final ListDirectory directory;
  private final Map<String, Optional<String>> units = new HashMap<>();
  private final Map<String, List<String>> users = new HashMap<>();
  private final Map<String, Boolean> memberships = new HashMap<>();
  private final Map<String, Boolean> leaders = new HashMap<>();
  private final Map<String, LocalDate> workingDays = new HashMap<>();

  MemoizingListDirectory(ListDirectory directory) {
    this.directory = directory;
  }

  @Override
  public Optional<String> unitIdByIdOrName(String idOrName) {
    return units.computeIfAbsent(idOrName, directory::unitIdByIdOrName);
  }

  @Override
  public List<String> userIdsByIdOrName(String idOrName) {
    return users.computeIfAbsent(idOrName, directory::userIdsByIdOrName);
  }

  @Override
  public boolean isMember(String userId, String unitId) {
    return memberships.computeIfAbsent(userId + '\u0000' + unitId, k -> directory.isMember(userId, unitId));
  }

  @Override
  public boolean isLeader(String userId) {
    return leaders.computeIfAbsent(userId, directory::isLeader);
  }

  @Override
  public LocalDate addWorkingDays(LocalDate from, int n) {
    return workingDays.computeIfAbsent(from + "+" + n, k -> directory.addWorkingDays(from, n));
  }

  @Override
  public Optional<String> workingDaysCaveat(LocalDate from, LocalDate to) {
    return directory.workingDaysCaveat(from, to);
  }
}
