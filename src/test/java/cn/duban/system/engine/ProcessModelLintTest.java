package cn.duban.system.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.junit.jupiter.api.Test;

/**
 * The processes in {@code bpmn/} pass the rules of Camunda Modeler's linter that admins see when they open them
 * (bpmnlint {@code recommended}; the whole set: {@code npx bpmnlint bpmn/*.bpmn} with the repository's
 * {@code .bpmnlintrc}): no implicit start or end, and flows join only through gateways.
 */
class ProcessModelLintTest {

  @Test
  void everyProcessStartsAndEndsExplicitlyAndJoinsThroughGateways() throws IOException {
    List<String> problems = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(Path.of("bpmn"), "*.bpmn")) {
      for (Path file : files) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
          String where = file.getFileName() + " " + node.getId();
          boolean eventSubProcess = node instanceof SubProcess sub && sub.triggeredByEvent();
          if (!(node instanceof Gateway) && node.getIncoming().size() > 1) {
            problems.add(where + ": incoming flows do not join (fake-join)");
          }
          if (node.getOutgoing().isEmpty() && !(node instanceof EndEvent) && !eventSubProcess) {
            problems.add(where + ": an implicit end (no-implicit-end)");
          }
          if (node.getIncoming().isEmpty() && !(node instanceof StartEvent) && !(node instanceof BoundaryEvent)
              && !eventSubProcess) {
            problems.add(where + ": an implicit start (no-implicit-start)");
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }
}
