package cn.duban.assessment;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import cn.duban.assessment.Assessment.Count;
import cn.duban.assessment.Assessment.Score;
import cn.duban.calendar.CalendarService;
import cn.duban.organisation.OrganisationService;
import cn.duban.organisation.Person;
import cn.duban.organisation.Unit;
import cn.duban.supervision.Period;
import cn.duban.system.BureauClock;
import cn.duban.system.security.DubanUser;

/**
 * Scores a period: every unit and every person of the bureau is scored and ranked from the same facts (so a place
 * means the same to every reader); the reader then gets the rows of their scope, the 督办台's rule: the office,
 * leaders, auditors and admins every unit and person; a unit head (科室负责人) their units and their members, and
 * themselves; anybody else themselves only.
 */
@Service
class AssessmentService {

  private final AssessmentRepository repository;
  private final AssessmentRulesService rules;
  private final OrganisationService organisation;
  private final CalendarService workingDays;
  private final BureauClock clock;

  AssessmentService(AssessmentRepository repository, AssessmentRulesService rules, OrganisationService organisation,
                    CalendarService workingDays, BureauClock clock) {
    this.repository = repository;
    this.rules = rules;
    this.organisation = organisation;
    this.workingDays = workingDays;
    this.clock = clock;
  }

  /** Read in one snapshot, so that every figure counts the same rows. */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public Assessment assess(DubanUser reader, String listCode, Period period) {
    Instant now = clock.now();
    Instant start = period.start(clock.zone());
    Instant end = period.end(clock.zone());
    Instant asOf = now.isBefore(end) ? now : end;
    AssessmentRules in = rules.inForce(period.to());

    Map<String, Map<Figure, Tally>> byUnit = new LinkedHashMap<>();
    Map<String, Map<Figure, Tally>> byPerson = new LinkedHashMap<>();
    Map<String, Set<String>> unitsOf = new LinkedHashMap<>();
    for (Unit unit : organisation.units()) {
      byUnit.put(unit.id(), new EnumMap<>(Figure.class));
      for (Person p : organisation.members(unit.id())) {
        byPerson.putIfAbsent(p.id(), new EnumMap<>(Figure.class));
        unitsOf.computeIfAbsent(p.id(), k -> new LinkedHashSet<>()).add(unit.id());
      }
    }
    for (AssessmentRepository.Fact f : repository.facts(listCode, start, end, asOf)) {
      count(byUnit.computeIfAbsent(f.unitId(), k -> new EnumMap<>(Figure.class)), f);
      if (f.person() != null) {
        count(byPerson.computeIfAbsent(f.person(), k -> new EnumMap<>(Figure.class)), f);
      }
    }

    Scope scope = scope(reader, unitsOf);
    Link link = new Link(period, listCode);
    List<Score> units = scores(byUnit, in, organisation::unitName, id -> null, id -> link.to("unit", id))
        .stream().filter(s -> scope.units().test(s.id())).toList();
    List<Score> people = scores(byPerson, in, organisation::personName,
        id -> String.join("、", unitsOf.getOrDefault(id, Set.of()).stream().map(organisation::unitName).toList()),
        id -> link.to("person", id)).stream().filter(s -> scope.people().test(s.id())).toList();
    return new Assessment(period, listCode, scope.label(), asOf, in, units, people);
  }

  /** A fact counted into a unit's or person's figures; a late closing also adds its working days overdue. */
  private void count(Map<Figure, Tally> figures, AssessmentRepository.Fact f) {
    figures.computeIfAbsent(f.figure(), k -> new Tally()).add(f.amount(), f.code());
    if (f.figure() == Figure.CLOSED_LATE) {
      LocalDate closed = LocalDate.ofInstant(f.closedAt(), clock.zone());
      figures.computeIfAbsent(Figure.LATE_DAYS, k -> new Tally())
          .add(Math.max(0, workingDays.workingDaysBetween(f.deadline(), closed)), f.code());
    }
  }

  private static List<Score> scores(Map<String, Map<Figure, Tally>> tallies, AssessmentRules rules,
                                    Function<String, String> name, Function<String, String> unitName,
                                    Function<String, Function<Figure, String>> links) {
    List<Score> scores = new ArrayList<>();
    for (var e : tallies.entrySet()) {
      BigDecimal raw = rules.base();
      Map<Figure, Count> figures = new LinkedHashMap<>();
      Function<Figure, String> link = links.apply(e.getKey());
      for (Figure figure : Figure.values()) {
        Tally t = e.getValue().getOrDefault(figure, new Tally());
        BigDecimal points = figure.worth(rules).multiply(BigDecimal.valueOf(t.count));
        raw = raw.add(points);
        figures.put(figure, new Count(t.count, points, List.copyOf(t.items), link.apply(figure)));
      }
      boolean floored = raw.compareTo(rules.floor()) < 0;
      scores.add(new Score(e.getKey(), name.apply(e.getKey()), unitName.apply(e.getKey()), 0,
          floored ? rules.floor() : raw, raw, floored, figures));
    }
    scores.sort(Comparator.comparing(Score::score).reversed().thenComparing(Score::raw, Comparator.reverseOrder())
        .thenComparing(Score::id));
    List<Score> ranked = new ArrayList<>();
    for (int i = 0; i < scores.size(); i++) {
      Score s = scores.get(i);
      // competition ranking on the score shown: equal scores share a place (1, 1, 3)
      int rank = i > 0 && scores.get(i - 1).score().compareTo(s.score()) == 0 ? ranked.get(i - 1).rank() : i + 1;
      ranked.add(new Score(s.id(), s.name(), s.unitName(), rank, s.score(), s.raw(), s.floored(), s.figures()));
    }
    return ranked;
  }

  record Scope(String label, java.util.function.Predicate<String> units, java.util.function.Predicate<String> people) {
  }

  /** The 督办台's rule (SupervisionScope): who sees every unit, a head's units, or only themselves. */
  private Scope scope(DubanUser reader, Map<String, Set<String>> unitsOf) {
    if (reader.seesAllUnits()) {
      return new Scope("全局（全部部门和人员）", u -> true, p -> true);
    }
    List<String> headed = organisation.headedUnits(reader.id());
    if (!headed.isEmpty()) {
      return new Scope("本部门（" + String.join("、", headed.stream().map(organisation::unitName).toList())
          + "）及其人员", headed::contains,
          p -> p.equals(reader.id()) || unitsOf.getOrDefault(p, Set.of()).stream().anyMatch(headed::contains));
    }
    return new Scope("本人", u -> false, p -> p.equals(reader.id()));
  }

  /** How many of a figure and the items behind it. */
  private static final class Tally {
    long count;
    final Set<String> items = new LinkedHashSet<>();

    Tally add(long amount, String code) {
      count += amount;
      items.add(code);
      return this;
    }
  }

  /** The page listing the items behind a figure: {@code /assessment/items?from=…&to=…&list=…&unit=…&figure=…}. */
  private record Link(Period period, String listCode) {

    Function<Figure, String> to(String kind, String id) {
      String base = "/assessment/items?from=" + period.from() + "&to=" + period.to()
          + (listCode == null ? "" : "&list=" + encode(listCode)) + "&" + kind + "=" + encode(id) + "&figure=";
      return figure -> base + figure.name();
    }

    private static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }
}
