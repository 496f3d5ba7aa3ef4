package cn.duban.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The codes duban gives items (DB2026-0001) and lists (QD2026-001): one PostgreSQL sequence per prefix and year
 * ({@code duban.code_db2026}). {@code nextval} takes no lock that lasts beyond the call, so an issue never waits
 * for another transaction (a list import of 2,000 rows used to hold the counter row until it committed). A code
 * taken by a transaction that rolls back is not reused: codes may have gaps, never duplicates.
 * <p>
 * A year's sequence is created when its first code is asked for, on a connection of its own (an error inside the
 * caller's transaction would abort it), starting after the highest code already issued.
 */
@Component
public class CodeSequences {

  /**
   * A kind of code: {@code letters} and the year make the prefix, {@code digits} the zero-padded width of the
   * number (wider numbers are written in full: DB2026-10000), {@code table} the table whose {@code code} column
   * holds the codes already issued.
   */
  public record Series(String letters, int digits, String table) {
    public Series {
      if (!letters.matches("[A-Z]{2}") || !table.matches("duban\\.[a-z_]+")) {
        throw new IllegalArgumentException("not a code series: " + letters + " " + table);
      }
    }

    String prefix(int year) {
      return letters + year;
    }

    /** DB2026-0001, QD2026-001. */
    public String format(int year, long number) {
      return ("%s-%0" + digits + "d").formatted(prefix(year), number);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(CodeSequences.class);
  private static final Pattern YEAR = Pattern.compile("\\d{4}");

  private final JdbcTemplate jdbc;
  private final DataSource dataSource;

  CodeSequences(JdbcTemplate jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.dataSource = dataSource;
  }

  /** The next code of {@code series} in {@code year}, taken in the caller's transaction without locking. */
  public String next(Series series, int year) {
    if (!YEAR.matcher(String.valueOf(year)).matches()) {
      throw new IllegalArgumentException("year out of range: " + year);
    }
    String prefix = series.prefix(year);
    String sequence = sequenceName(prefix);
    // to_regclass answers null for a missing sequence instead of failing (nextval of null is null), so the caller's
    // transaction stays usable
    Long number = jdbc.queryForObject("select nextval(to_regclass(?))", Long.class, sequence);
    if (number == null) {
      long oid = create(series, prefix, sequence);
      // by oid: inside the caller's transaction PostgreSQL may still remember the name as missing (its catalog
      // cache is refreshed at the next lock or transaction), though the sequence now exists
      number = jdbc.queryForObject("select nextval(?::oid::regclass)", Long.class, oid);
    }
    return series.format(year, number);
  }

  /** The sequence of a prefix; V17__code_sequences.sql names the sequences it creates the same way. */
  static String sequenceName(String prefix) {
    return "duban.code_" + prefix.toLowerCase(Locale.ROOT);
  }

  /**
   * Creates the sequence in autocommit on its own connection, starting after the highest number already used:
   * the old counter table (codes issued before V17) and the codes in {@code series.table}; returns its oid. Two
   * nodes (or threads) may try at once: {@code if not exists} covers most of that, and a creator that still loses
   * the race finds the sequence there afterwards.
   */
  private long create(Series series, String prefix, String sequence) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        long highest = highestIssued(connection, series, prefix);
        statement.execute("create sequence if not exists " + sequence + " as bigint start with " + (highest + 1));
        log.info("Code sequence {} created, starting at {}", sequence, highest + 1);
      } catch (SQLException e) {
        log.debug("Code sequence {} not created here (another creator?): {}", sequence, e.getMessage());
      }
      try (PreparedStatement query = connection.prepareStatement("select to_regclass(?)::oid")) {
        query.setString(1, sequence);
        try (ResultSet rs = query.executeQuery()) {
          rs.next();
          long oid = rs.getLong(1);
          if (rs.wasNull()) {
            throw new IllegalStateException("Could not create the code sequence " + sequence);
          }
          return oid;
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the code sequence " + sequence, e);
    }
  }

  private static long highestIssued(Connection connection, Series series, String prefix) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("select greatest("
        + "(select last_value from duban.code_counter where prefix = ?), "
        + "(select max(substring(code from '^' || ? || '-([0-9]{1,18})$')::bigint) from " + series.table()
        + " where code like ? || '-%'), 0)")) {
      query.setString(1, prefix);
      query.setString(2, prefix);
      query.setString(3, prefix);
      try (ResultSet rs = query.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
