package cn.duban.lists;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import cn.duban.item.ItemDirectory;
import cn.duban.organisation.OrganisationService;
import cn.duban.system.security.Roles;

/**
 * A small tax bureau in memory: six units, a dozen people (two of them named 张伟), three leaders, and the 2026
 * working-day calendar around 中秋/国庆 as the State Council published it; 2027 is not published yet.
 */
final class FakeBureau implements ListDirectory {

  record Person(String id, String name, String unit) {
  }

  private final Map<String, String> units = new LinkedHashMap<>();
  private final List<Person> people = new ArrayList<>();
  private final Set<String> leaders = Set.of("chenjianguo", "wanglixin", "liuhaiyan");

  /** 2026: the off days and the weekend days worked (调休) of 中秋 and 国庆. */
  static final Set<LocalDate> OFF_DAYS = Set.of(
      LocalDate.of(2026, 9, 25), LocalDate.of(2026, 9, 26), LocalDate.of(2026, 9, 27),
      LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 3), LocalDate.of(2026, 10, 4),
      LocalDate.of(2026, 10, 5), LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 7));
  static final Set<LocalDate> WORKED_WEEKEND_DAYS = Set.of(LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 10));

  /** Like duban's calendar: a year without arrangement is counted Monday to Friday, with a caveat. */
  private boolean countsUnpublishedYearsMondayToFriday;

  FakeBureau() {
    units.put("NSFWK", "纳税服务科");
    units.put("ZSGLK", "征收管理科");
    units.put("FXGLK", "风险管理科");
    units.put("SZK", "税政科");
    units.put("BGS", "办公室");
    units.put("CGFJ", "城关税务分局");
    person("lihui", "李慧", "NSFWK");
    person("huangjunjie", "黄俊杰", "NSFWK");
    person("wutingting", "吴婷婷", "NSFWK");
    person("zhangwei", "张伟", "ZSGLK");
    person("yangfan", "杨帆", "ZSGLK");
    person("zhangwei2", "张伟", "FXGLK");
    person("hubin", "胡斌", "FXGLK");
    person("guojing", "郭静", "FXGLK");
    person("maguoqiang", "马国强", "SZK");
    person("zhoumin", "周敏", "BGS");
    person("tangming", "唐明", "CGFJ");
    person("chenjianguo", "陈建国", null);
    person("wanglixin", "王立新", null);
    person("liuhaiyan", "刘海燕", null);
  }

  /** The same units and people in duban's identity service, for tests over HTTP (leaders in {@code leaders}). */
  void registerIn(OrganisationService organisation, String password) {
    units.forEach((id, name) -> organisation.ensureGroup(id, name, Roles.TYPE_UNIT));
    for (Person p : people) {
      if (!organisation.userExists(p.id())) {
        organisation.createUser(p.id(), p.name(), p.id() + "@example.gov.cn", password);
      }
      organisation.ensureMembership(p.id(), p.unit() != null ? p.unit() : Roles.LEADERS);
    }
  }

  FakeBureau countingUnpublishedYearsMondayToFriday() {
    countsUnpublishedYearsMondayToFriday = true;
    return this;
  }

  FakeBureau person(String id, String name, String unit) {
    people.add(new Person(id, name, unit));
    return this;
  }

  @Override
  public Optional<String> unitIdByIdOrName(String idOrName) {
    if (units.containsKey(idOrName)) {
      return Optional.of(idOrName);
    }
    return units.entrySet().stream().filter(e -> e.getValue().equals(idOrName)).map(Map.Entry::getKey).findFirst();
  }

  @Override
  public List<String> userIdsByIdOrName(String idOrName) {
    if (people.stream().anyMatch(p -> p.id().equals(idOrName))) {
      return List.of(idOrName);
    }
    return people.stream().filter(p -> p.name().equals(idOrName)).map(Person::id).toList();
  }

  @Override
  public boolean isMember(String userId, String unitId) {
    return people.stream().anyMatch(p -> p.id().equals(userId) && unitId.equals(p.unit()));
  }

  @Override
  public boolean isLeader(String userId) {
    return leaders.contains(userId);
  }

  @Override
  public LocalDate addWorkingDays(LocalDate from, int workingDays) {
    LocalDate day = from;
    for (int counted = 0; counted < workingDays; ) {
      day = day.plusDays(1);
      if (day.getYear() != 2026 && !countsUnpublishedYearsMondayToFriday) {
        throw new IllegalStateException(day.getYear() + "年的节假日安排尚未公布，无法计算工作日。");
      }
      boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
      if (WORKED_WEEKEND_DAYS.contains(day) || (!weekend && !OFF_DAYS.contains(day))) {
        counted++;
      }
    }
    return day;
  }

  @Override
  public Optional<String> workingDaysCaveat(LocalDate from, LocalDate to) {
    return to.getYear() > 2026 ? Optional.of(to.getYear() + "年的节假日安排尚未公布，按周一至周五计算，可能不准确。") : Optional.empty();
  }

  /** The same organisation as the item rules see it, by id only. */
  ItemDirectory asItemDirectory() {
    return new ItemDirectory() {
      @Override
      public boolean unitExists(String unitId) {
        return units.containsKey(unitId);
      }

      @Override
      public boolean userExists(String userId) {
        return people.stream().anyMatch(p -> p.id().equals(userId));
      }

      @Override
      public boolean isMember(String userId, String unitId) {
        return FakeBureau.this.isMember(userId, unitId);
      }

      @Override
      public boolean isLeader(String userId) {
        return FakeBureau.this.isLeader(userId);
      }

      // ItemDirectory gains this while task lists are being built; no @Override, so this compiles before and after
      public boolean listExists(String listCode) {
        return RealList.CODE.equals(listCode);
      }
    };
  }
}
