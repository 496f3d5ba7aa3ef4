package cn.duban.demo;

import static cn.duban.item.ItemProcess.Decisions;
import static cn.duban.item.ItemProcess.Elements;
import static cn.duban.item.ItemProcess.Variables;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.duban.item.ItemDraft;
import cn.duban.lists.ListService;
import cn.duban.item.ItemTasks;
import cn.duban.organisation.OrganisationService;
import cn.duban.system.BureauClock;
import cn.duban.system.DemoMode;
import cn.duban.system.DubanProperties;
import cn.duban.system.security.CamundaIdentityAuthenticationProvider;
import cn.duban.system.security.DubanUser;
import cn.duban.system.security.Roles;

/**
 * In demo mode, creates the county bureau of {@code demo/bureau.json} once: units with their heads, people with
 * the demo password, and a task list whose items are driven through the real process, as the real people, to
 * every state (so history shows who did what). The units and people first, in one transaction, before the node
 * reports ready, so that people can sign in at once; then the items, in a second transaction (all of them or none)
 * on a thread of their own, while pages say that the demo data is still being created and the readiness check
 * ({@link DemoItemsHealth}) reports the node not ready yet. A node stopped meanwhile waits for them (or rolls them
 * back); the next start creates them again.
 */
@Component
@Order(10)
class DemoDataLoader implements ApplicationRunner, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

  private final DemoMode demoMode;
  private final OrganisationService organisation;
  private final ListService lists;
  private final ItemTasks tasks;
  private final CamundaIdentityAuthenticationProvider users;
  private final TransactionTemplate transaction;
  private final JdbcTemplate jdbc;
  private final BureauClock clock;
  private final String password;
  private volatile Thread itemsThread;

  DemoDataLoader(DemoMode demoMode, OrganisationService organisation, ListService lists, ItemTasks tasks,
                 CamundaIdentityAuthenticationProvider users,
                 TransactionTemplate transaction, JdbcTemplate jdbc, BureauClock clock, DubanProperties properties) {
    this.demoMode = demoMode;
    this.organisation = organisation;
    this.lists = lists;
    this.tasks = tasks;
    this.users = users;
    this.transaction = transaction;
    this.jdbc = jdbc;
    this.clock = clock;
    this.password = properties.demo().password();
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    if (!demoMode.enabled()) {
      return;
    }
    DemoBureau bureau = read();
    boolean itemsWanted = Boolean.TRUE.equals(transaction.execute(status -> {
      createOrganisation(bureau);
      return noDemoList(bureau);
    }));
    if (!itemsWanted) {
      return;
    }
    demoMode.itemsLoading(true);
    Thread thread = new Thread(() -> createItemsInTheBackground(bureau), "duban-demo-items");
    thread.setDaemon(true);
    itemsThread = thread;
    thread.start();
  }

  private void createItemsInTheBackground(DemoBureau bureau) {
    long started = System.nanoTime();
    try {
      transaction.executeWithoutResult(status -> {
        if (noDemoList(bureau)) {
          createItems(bureau);
          log.info("Demo mode: created {} with {} units, {} people and {} items in {} ms (password of every demo "
              + "user: see README)", bureau.bureau(), bureau.units().size(), bureau.people().size(),
              bureau.items().size(), (System.nanoTime() - started) / 1_000_000);
        }
      });
    } catch (RuntimeException e) {
      log.error("Demo mode: the demo items could not be created (the next start tries again)", e);
    } finally {
      demoMode.itemsLoading(false);
    }
  }

  private boolean noDemoList(DemoBureau bureau) {
    return lists.all().stream().noneMatch(l -> l.name().equals(bureau.list().name()));
  }

  /** A node stopped while the demo items are created waits for them (at most a minute) before the engine stops. */
  @Override
  public void destroy() throws InterruptedException {
    Thread thread = itemsThread;
    if (thread != null) {
      thread.join(60_000);
    }
  }

  private DemoBureau read() throws IOException {
    try (InputStream in = new ClassPathResource("demo/bureau.json").getInputStream()) {
      return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .readValue(in, DemoBureau.class);
    }
  }

  private void createOrganisation(DemoBureau bureau) {
    for (DemoBureau.DemoUnit unit : bureau.units()) {
      organisation.ensureGroup(unit.id(), unit.name(), Roles.TYPE_UNIT);
    }
    for (DemoBureau.DemoPerson person : bureau.people()) {
      if (!organisation.userExists(person.id())) {
        organisation.createUser(person.id(), person.lastName() + person.firstName(), person.email(), password);
      }
      person.units().forEach(unit -> organisation.ensureMembership(person.id(), unit));
      person.roles().forEach(role -> organisation.ensureMembership(person.id(), role));
    }
    for (DemoBureau.DemoUnit unit : bureau.units()) {
      if (organisation.heads(unit.id()).isEmpty()) {
        organisation.setHeads(unit.id(), unit.heads());
      }
    }
  }

  private void createItems(DemoBureau bureau) {
    DubanUser office = users.load(bureau.people().stream().filter(p -> p.roles().contains(Roles.OFFICE))
        .findFirst().orElseThrow().id());
    List<ListService.ListRow> rows = new ArrayList<>();
    for (DemoBureau.DemoItem item : bureau.items()) {
      rows.add(new ListService.ListRow(String.valueOf(rows.size() + 1), new ItemDraft(item.title(), item.requirement(),
          item.unitId(), null, List.of(), item.leaderId(), clock.today().plusDays(item.deadlineInDays()).toString(),
          item.reportingCycle(), null), null));
    }
    String issuingUnit = organisation.units().stream().filter(u -> "办公室".equals(u.name())).map(u -> u.id())
        .findFirst().orElse(null);
    var issued = lists.issue(bureau.list().name(), issuingUnit, bureau.list().source(), null, rows, office, true);
    for (int i = 0; i < bureau.items().size(); i++) {
      drive(issued.itemCodes().get(i), bureau.items().get(i), bureau, office);
    }
  }

  /** Moves an item to its demo state through the real tasks, as the people who would do them. */
  private void drive(String code, DemoBureau.DemoItem item, DemoBureau bureau, DubanUser office) {
    String state = item.state();
    if ("ISSUED".equals(state)) {
      return;
    }
    String signer = item.assignee() != null ? item.assignee() : firstMember(bureau, item.unitId());
    if ("RETURNED".equals(state)) {
      complete(code, Elements.SIGN_FOR, signer, Map.of(Variables.SIGN_FOR_DECISION, Decisions.RETURN,
          Variables.RETURN_REASON, item.returnReason()));
      return;
    }
    complete(code, Elements.SIGN_FOR, signer, Map.of(Variables.SIGN_FOR_DECISION, Decisions.ACCEPT));
    for (String report : item.progress()) {
      complete(code, Elements.HANDLE, signer, Map.of(Variables.HANDLE_ACTION, Decisions.PROGRESS,
          Variables.PROGRESS_TEXT, report));
    }
    switch (state) {
      case "EXTENSION_PENDING" -> complete(code, Elements.HANDLE, signer, Map.of(
          Variables.HANDLE_ACTION, Decisions.EXTEND, Variables.EXTENSION_REASON, item.extension().reason(),
          Variables.EXTENSION_DATE, clock.today().plusDays(item.extension().newDeadlineInDays()).toString()));
      case "PENDING_SIGNOFF", "CLOSED_ON_TIME", "CLOSED_LATE", "IN_PROGRESS_RETURNED" -> {
        complete(code, Elements.HANDLE, signer, Map.of(Variables.HANDLE_ACTION, Decisions.COMPLETE,
            Variables.RESULT_TEXT, item.result()));
        if ("IN_PROGRESS_RETURNED".equals(state)) {
          complete(code, Elements.SIGN_OFF, office.id(), Map.of(Variables.SIGN_OFF_DECISION, Decisions.RETURN,
              Variables.SIGN_OFF_COMMENT, item.signOffRejection()));
        } else if (state.startsWith("CLOSED")) {
          // 办结质量评价 as the office gave it (a remark for 较差)
          Map<String, Object> signOff = new java.util.HashMap<>(Map.of(Variables.SIGN_OFF_DECISION, Decisions.SIGN_OFF,
              Variables.QUALITY_RATING, item.qualityRating()));
          if (item.qualityRemark() != null) {
            signOff.put(Variables.QUALITY_REMARK, item.qualityRemark());
          }
          complete(code, Elements.SIGN_OFF, office.id(), signOff);
        }
      }
      default -> {
        // IN_PROGRESS: signed for, with its progress reports
      }
    }
  }

  private void complete(String code, String taskKey, String userId, Map<String, Object> variables) {
    tasks.complete(code, taskKey, users.load(userId), variables);
  }

  private static String firstMember(DemoBureau bureau, String unitId) {
    return bureau.people().stream().filter(p -> p.units().contains(unitId) && p.roles().isEmpty())
        .findFirst().orElseThrow(() -> new IllegalStateException("Demo unit " + unitId + " has no member")).id();
  }

}
