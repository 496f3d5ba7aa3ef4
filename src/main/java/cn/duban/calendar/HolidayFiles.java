package cn.duban.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.duban.system.web.InvalidInputException;

/**
 * The holiday arrangements shipped with duban, one file a year: {@code calendar/holidays/<year>.json} on the
 * classpath (in the source tree {@code src/main/resources/calendar/holidays/}).
 *
 * <h2>Where the data comes from</h2>
 * Each file is the State Council's yearly notice (国务院办公厅关于部分节假日安排的通知; its address is in the file's
 * {@code papers}) as facts: the days that differ from the Monday–Friday week, {@code isOffDay} true for a holiday,
 * false for a weekend day declared a working day (调休上班). The JSON layout is that of the public holiday-cn data set
 * (github.com/NateScarlet/holiday-cn, MIT licence), and the files are kept byte for byte as copied, so a new year
 * can be taken from there unchanged. Weekends that merely adjoin a holiday are not listed; a notice's 元旦
 * arrangement may list days of the December before.
 *
 * <h2>A new year</h2>
 * The notice appears around November of the year before. Without a release, an admin stores it with
 * {@code PUT /api/calendar/<year>} (a stored year overrides the file of the same year); with the next release,
 * add the file here too. A file that breaks {@link ArrangementRules} stops start-up: a release must not ship a
 * calendar that is silently wrong.
 */
final class HolidayFiles {

  static final String LOCATION = "classpath*:calendar/holidays/*.json";
  private static final Pattern FILE_NAME = Pattern.compile("(\\d{4})\\.json");

  private HolidayFiles() {
  }

  static List<YearArrangement> load(ObjectMapper json) {
    List<YearArrangement> years = new ArrayList<>();
    try {
      for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
        years.add(read(resource, json));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + LOCATION, e);
    }
    return years;
  }

  static YearArrangement read(Resource resource, ObjectMapper json) {
    String name = resource.getFilename();
    Matcher m = FILE_NAME.matcher(name == null ? "" : name);
    if (!m.matches()) {
      throw new IllegalStateException("Holiday file " + resource + " must be named <year>.json");
    }
    int year = Integer.parseInt(m.group(1));
    JsonNode document;
    try (InputStream in = resource.getInputStream()) {
      document = json.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("Holiday file " + resource + " is not valid JSON", e);
    }
    try {
      return ArrangementRules.validate(document, year);
    } catch (InvalidInputException e) {
      throw new IllegalStateException("Holiday file " + resource + " is invalid: " + e.problems(), e);
    }
  }
}
