package cn.duban.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.util.ClassUtils;

import cn.duban.DubanApplication;

/**
 * The walls between duban's modules, checked. Every top-level package under {@code cn.duban} is a module; a module
 * uses another only through its top-level package (its API) or a named interface, only the modules its
 * {@code package-info.java} allows, and no two modules depend on each other in a cycle (Spring Modulith). What the
 * imports cannot show is checked here too: each table of schema {@code duban} has one module that writes it, and a
 * process calls only beans of the module that owns it. A change that breaks a wall fails with the offending type,
 * statement or expression.
 */
class ModuleWallsTest {

  static final ApplicationModules MODULES = ApplicationModules.of(DubanApplication.class);
  static final Path SOURCES = Path.of("src/main/java/cn/duban");

  /** The module that owns each process model (and so the beans its expressions may call). */
  static final Map<String, String> PROCESS_OWNERS = Map.of("duban-item.bpmn", "item", "duban-list.bpmn", "lists");

  @Test
  void modulesKeepToTheirWalls() {
    MODULES.verify();
  }

  @Test
  void theGroundFloorDependsOnNoFeature() {
    ApplicationModule system = MODULES.getModuleByName("system").orElseThrow();
    assertThat(system.getDirectDependencies(MODULES).uniqueModules().map(ApplicationModule::getName).toList())
        .as("system is what every module stands on; it uses none of them").isEmpty();
  }

  private static final Pattern WRITE = Pattern.compile(
      "(?i)\\b(?:insert\\s+into|update|delete\\s+from)\\s+duban\\.([a-z_]+)");

  @Test
  void eachTableHasOneWritingModule() throws IOException {
    Map<String, Set<String>> writers = new TreeMap<>();
    for (Path file : javaFiles()) {
      String module = SOURCES.relativize(file).getName(0).toString();
      Matcher m = WRITE.matcher(Files.readString(file, StandardCharsets.UTF_8));
      while (m.find()) {
        writers.computeIfAbsent(m.group(1), t -> new TreeSet<>()).add(module);
      }
    }
    assertThat(writers).as("tables of schema duban and the modules writing them").isNotEmpty();
    Map<String, Set<String>> shared = new TreeMap<>();
    writers.forEach((table, modules) -> {
      if (modules.size() > 1) {
        shared.put(table, modules);
      }
    });
    assertThat(shared).as("a table written by more than one module: the others must go through its owner's API")
        .isEmpty();
    assertThat(writers.get("item")).containsExactly("item");
  }

  private static final Pattern READ = Pattern.compile("(?i)\\b(?:from|join)\\s+duban\\.([a-z_]+)");

  @Test
  void anotherModulesTablesAreReadOnlyThroughItsViews() throws IOException {
    Map<String, String> owner = new HashMap<>();
    Map<Path, String> sources = new HashMap<>();
    for (Path file : javaFiles()) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      sources.put(file, text);
      Matcher m = WRITE.matcher(text);
      while (m.find()) {
        owner.put(m.group(1), SOURCES.relativize(file).getName(0).toString());
      }
    }
    Set<String> foreign = new TreeSet<>();
    sources.forEach((file, text) -> {
      String module = SOURCES.relativize(file).getName(0).toString();
      Matcher m = READ.matcher(text);
      while (m.find()) {
        String tableOwner = owner.get(m.group(1));
        if (tableOwner != null && !tableOwner.equals(module)) {
          foreign.add(SOURCES.relativize(file) + " reads " + tableOwner + "'s table duban." + m.group(1));
        }
      }
    });
    assertThat(foreign).as("reads of another module's tables (use its API or its *_report view)").isEmpty();
  }

  private static final Pattern BEAN = Pattern.compile("\\$\\{([a-zA-Z][a-zA-Z0-9]*)");

  @Test
  void aProcessCallsOnlyTheBeansOfItsOwnModule() throws IOException {
    Map<String, String> moduleOfBean = componentModules();
    for (Map.Entry<String, String> process : PROCESS_OWNERS.entrySet()) {
      String xml = Files.readString(Path.of("bpmn", process.getKey()), StandardCharsets.UTF_8);
      Matcher m = BEAN.matcher(xml);
      Map<String, String> foreign = new TreeMap<>();
      while (m.find()) {
        String module = moduleOfBean.get(m.group(1));
        if (module != null && !module.equals(process.getValue())) {
          foreign.put(m.group(1), module);
        }
      }
      assertThat(foreign).as("beans of other modules called by " + process.getKey()).isEmpty();
    }
    assertThat(moduleOfBean).as("the delegates are found").containsEntry("registerItemDelegate", "item")
        .containsEntry("closeListDelegate", "lists");
  }

  /**
   * The module map in {@code docs/modules/} is the one the code gives: regenerated here into {@code target/modules/}
   * and compared. After a change of the walls: {@code cp target/modules/* docs/modules/} and commit.
   */
  @Test
  void theModuleMapInTheDocsIsCurrent() throws IOException {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("target/modules"))
        .writeModulesAsPlantUml()
        .writeModuleCanvases();
    try (Stream<Path> generated = Files.list(Path.of("target/modules"))) {
      for (Path file : generated.toList()) {
        Path documented = Path.of("docs/modules").resolve(file.getFileName());
        assertThat(documented).as("docs/modules/" + file.getFileName() + " (cp target/modules/* docs/modules/)")
            .exists();
        // the same lines (the generator's order of modules is not fixed from run to run)
        assertThat(Files.readAllLines(documented, StandardCharsets.UTF_8))
            .as("docs/modules/" + file.getFileName() + " is current (cp target/modules/* docs/modules/)")
            .containsExactlyInAnyOrderElementsOf(Files.readAllLines(file, StandardCharsets.UTF_8));
      }
    }
  }

  private static List<Path> javaFiles() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    }
  }

  /** Every Spring component under cn.duban by its bean name, with the module (top-level package) it lies in. */
  private static Map<String, String> componentModules() {
    var scanner = new ClassPathScanningCandidateComponentProvider(true);
    var names = new AnnotationBeanNameGenerator();
    var registry = new DefaultListableBeanFactory();
    Map<String, String> modules = new HashMap<>();
    for (var candidate : scanner.findCandidateComponents("cn.duban")) {
      String type = candidate.getBeanClassName();
      String module = type.substring("cn.duban.".length()).split("\\.")[0];
      modules.put(names.generateBeanName(candidate, registry), module);
      // and the beans its @Bean methods make (delegates are declared that way)
      for (Method method : ClassUtils.resolveClassName(type, null).getDeclaredMethods()) {
        Bean bean = method.getAnnotation(Bean.class);
        if (bean != null) {
          modules.put(bean.name().length > 0 ? bean.name()[0] : method.getName(), module);
        }
      }
    }
    return modules;
  }
}
