package cn.duban.assessment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import cn.duban.supervision.Period;

/**
 * GET /api/assessment: the 考核 of a period, for one reader's scope.
 *
 * @param asOf  when the figures were counted: the period's end, or now while it runs
 * @param rules the rules the period is scored with (in force on its last day)
 * @param units per unit, best first (the units the reader may see)
 * @param people per person, best first (the people the reader may see)
 */
public record Assessment(Period period, String listCode, String scope, Instant asOf, AssessmentRules rules,
                         List<Score> units, List<Score> people) {

  /**
   * One unit's or person's score.
   *
   * @param rank    the place among every unit (person) of the bureau, ties sharing a place
   * @param raw     the score before the floor
   * @param figures every figure counted (zeros included), in {@link Figure}'s order
   */
  public record Score(String id, String name, String unitName, int rank, BigDecimal score, BigDecimal raw,
                      boolean floored, Map<Figure, Count> figures) {
  }

  /**
   * A figure of a score: how many, what they are worth under the rules, the items behind them and the page that
   * lists those items.
   */
  public record Count(long count, BigDecimal points, List<String> items, String link) {
  }
}
