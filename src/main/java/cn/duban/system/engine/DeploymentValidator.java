package cn.duban.system.engine;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * duban's rules for a deployment, checked before the engine parses anything: all problems of all resources are
 * collected, in Chinese, so an admin fixes them in one go. Rules for every BPMN: safe, well-formed XML within the
 * size limit; {@code historyTimeToLive} at least the retention; every user task has someone (assignee or
 * candidates) and a due date, and the forms it references exist; no scripts while they are disabled; delegates
 * that exist; expressions that reach only variables, the execution's read-only facts and the beans the process
 * contracts declare ({@link ExpressionCheck}). For duban's own processes ({@link ProcessContract}): every id and
 * message the code relies on.
 */
public class DeploymentValidator {

  static final String BPMN_NS = "http://www.omg.org/spec/BPMN/20100524/MODEL";
  static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
  private static final String FORM_IN_DEPLOYMENT = "camunda-forms:deployment:";
  private static final Pattern BEAN_REFERENCE = Pattern.compile("^\\s*[$#]\\{\\s*([A-Za-z_$][\\w$]*)\\s*}\\s*$");
  private static final Pattern DAYS = Pattern.compile("^\\d+$");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The settings the rules depend on. */
  public record Settings(long maxResourceBytes, int retentionDays, boolean scriptsEnabled) {
  }

  /** What the rules need to know about the running application and the engine. */
  public interface Lookups {
    boolean beanExists(String name);

    boolean formDeployed(String formKey);
  }

  private final Settings settings;
  private final Supplier<? extends Collection<ProcessContract>> contracts;
  private final Lookups lookups;

  public DeploymentValidator(Settings settings, Supplier<? extends Collection<ProcessContract>> contracts,
                             Lookups lookups) {
    this.settings = settings;
    this.contracts = contracts;
    this.lookups = lookups;
  }

  /** Every problem of the deployment; empty when it may be deployed. */
  public List<String> problems(String tenantId, Map<String, byte[]> resources) {
    List<String> problems = new ArrayList<>();
    if (tenantId != null && !tenantId.isBlank()) {
      problems.add("本系统不使用租户，请在部署对话框中清空租户 ID（tenant-id「" + tenantId + "」）");
    }
    Set<String> formsInDeployment = new HashSet<>();
    Map<String, Document> bpmn = new LinkedHashMap<>();
    resources.forEach((name, bytes) -> {
      if (bytes.length > settings.maxResourceBytes()) {
        problems.add(where(name) + "文件过大（" + kb(bytes.length) + "），上限为 " + kb(settings.maxResourceBytes())
            + "（duban.deployment.max-resource-size）");
        return;
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.endsWith(".form")) {
        formId(name, bytes, problems).ifPresent(formsInDeployment::add);
      } else if (isXml(lower)) {
        Document document = safeXml(name, bytes, problems);
        if (document != null && isBpmnResource(lower)) {
          Element root = document.getDocumentElement();
          if (!BPMN_NS.equals(root.getNamespaceURI()) || !"definitions".equals(root.getLocalName())) {
            problems.add(where(name) + "不是 BPMN 文件：根元素应为 BPMN 2.0 的 definitions（" + BPMN_NS + "），实际为「"
                + root.getTagName() + "」");
          } else {
            bpmn.put(name, document);
          }
        }
      }
    });
    Set<String> resourceNames = resources.keySet();
    var expressions = new ExpressionCheck(ProcessContract.beansOf(contracts.get()), lookups::beanExists);
    bpmn.forEach((name, document) -> checkBpmn(name, document, formsInDeployment, resourceNames, expressions,
        problems));
    return problems;
  }

  // --- XML safety ------------------------------------------------------------------------------------------------

  private static boolean isXml(String lowerName) {
    return isBpmnResource(lowerName) || lowerName.endsWith(".dmn") || lowerName.endsWith(".dmn11.xml")
        || lowerName.endsWith(".cmmn") || lowerName.endsWith(".cmmn11.xml") || lowerName.endsWith(".cmmn10.xml");
  }

  private static boolean isBpmnResource(String lowerName) {
    return lowerName.endsWith(".bpmn") || lowerName.endsWith(".bpmn20.xml");
  }

  /**
   * Parses with DOCTYPE declarations forbidden: no DTD, so no external entities (XXE) and no entity expansion
   * ("billion laughs") can ever be resolved, here or later in the engine.
   */
  private static Document safeXml(String name, byte[] bytes, List<String> problems) {
    String head = new String(bytes, StandardCharsets.ISO_8859_1).replace("\0", "").toUpperCase(Locale.ROOT);
    if (head.contains("<!DOCTYPE") || head.contains("<!ENTITY")) {
      problems.add(where(name) + "含有 DOCTYPE 或实体声明（<!DOCTYPE、<!ENTITY），可被用于读取服务器文件（XXE）或实体膨胀攻击，"
          + "不予部署；请删除这些声明");
      return null;
    }
    try {
      DocumentBuilder builder = secureFactory().newDocumentBuilder();
      builder.setErrorHandler(SILENT);
      return builder.parse(new ByteArrayInputStream(bytes));
    } catch (SAXParseException e) {
      if (String.valueOf(e.getMessage()).contains("DOCTYPE")) {
        problems.add(where(name) + "含有 DOCTYPE 声明，可被用于 XXE 或实体膨胀攻击，不予部署");
      } else {
        problems.add(where(name) + "不是格式正确的 XML（第 " + e.getLineNumber() + " 行第 " + e.getColumnNumber() + " 列）："
            + e.getMessage());
      }
    } catch (SAXException | IOException e) {
      problems.add(where(name) + "不是格式正确的 XML：" + e.getMessage());
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The XML parser cannot be made safe", e);
    }
    return null;
  }

  private static DocumentBuilderFactory secureFactory() {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    try {
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("The XML parser cannot be made safe", e);
    }
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return factory;
  }

  private static final ErrorHandler SILENT = new ErrorHandler() {
    @Override
    public void warning(SAXParseException e) {
    }

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  };

  private static Optional<String> formId(String name, byte[] bytes, List<String> problems) {
    try {
      JsonNode id = JSON.readTree(bytes).path("id");
      if (id.isTextual() && !id.asText().isBlank()) {
        return Optional.of(id.asText());
      }
      problems.add(where(name) + "表单缺少 id（Camunda Form 的 \"id\"），流程无法引用它");
    } catch (IOException e) {
      problems.add(where(name) + "不是有效的 Camunda 表单（JSON 格式错误）：" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
    }
    return Optional.empty();
  }

  // --- BPMN rules ------------------------------------------------------------------------------------------------

  private void checkBpmn(String name, Document document, Set<String> formsInDeployment, Set<String> resourceNames,
                         ExpressionCheck expressions, List<String> problems) {
    Set<String> messageNames = new HashSet<>();
    for (Element message : children(document.getDocumentElement(), BPMN_NS, "message")) {
      messageNames.add(message.getAttribute("name"));
    }
    // messages, signals, errors: their names may be expressions too
    for (Element element : children(document.getDocumentElement(), BPMN_NS, null)) {
      if (!"process".equals(element.getLocalName())) {
        expressions(element, where(name), expressions, problems);
      }
    }
    for (Element process : children(document.getDocumentElement(), BPMN_NS, "process")) {
      if ("false".equals(process.getAttribute("isExecutable"))) {
        continue;
      }
      String where = where(name) + "流程「" + process.getAttribute("id") + "」";
      historyTimeToLive(process, where, problems);
      for (Element task : descendants(process, BPMN_NS, "userTask")) {
        userTask(task, where, formsInDeployment, resourceNames, problems);
      }
      for (Element start : descendants(process, BPMN_NS, "startEvent")) {
        formReference(start, where, formsInDeployment, resourceNames, problems);
      }
      List<String> scripts = new ArrayList<>();
      List<String> delegates = new ArrayList<>();
      walk(process, scripts, delegates);
      if (!scripts.isEmpty() && !settings.scriptsEnabled()) {
        problems.add(where + "包含脚本（" + String.join("、", scripts) + "），而本系统禁用了 BPMN 中的脚本。"
            + "如确需脚本，请管理员设置 DUBAN_SCRIPTS_ENABLED=true");
      }
      delegates.forEach(d -> problems.add(where + d));
      expressions(process, where, expressions, problems);
      contract(process, messageNames, where, problems);
    }
  }

  private void historyTimeToLive(Element process, String where, List<String> problems) {
    String ttl = process.getAttributeNS(CAMUNDA_NS, "historyTimeToLive").trim();
    if (ttl.isEmpty()) {
      problems.add(where + "缺少历史保留期限（camunda:historyTimeToLive），应不少于 " + settings.retentionDays() + " 天");
      return;
    }
    Integer days = days(ttl);
    if (days == null) {
      problems.add(where + "的历史保留期限「" + ttl + "」无法识别，请写天数，如 " + settings.retentionDays());
    } else if (days < settings.retentionDays()) {
      problems.add(where + "的历史保留期限为 " + days + " 天，短于本局规定的 " + settings.retentionDays()
          + " 天（duban.retention.days）");
    }
  }

  private static Integer days(String ttl) {
    if (DAYS.matcher(ttl).matches()) {
      return ttl.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(ttl);
    }
    try {
      Period period = Period.parse(ttl);
      return period.getYears() == 0 && period.getMonths() == 0 ? period.getDays() : null;
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  private void userTask(Element task, String where, Set<String> formsInDeployment, Set<String> resourceNames,
                        List<String> problems) {
    String label = where + "的用户任务" + label(task);
    boolean someone = !task.getAttributeNS(CAMUNDA_NS, "assignee").isBlank()
        || !task.getAttributeNS(CAMUNDA_NS, "candidateGroups").isBlank()
        || !task.getAttributeNS(CAMUNDA_NS, "candidateUsers").isBlank()
        || !children(task, BPMN_NS, "humanPerformer").isEmpty()
        || !children(task, BPMN_NS, "potentialOwner").isEmpty();
    if (!someone) {
      problems.add(label + "没有指定办理人：请设置候选组（camunda:candidateGroups）或办理人（camunda:assignee）");
    }
    if (task.getAttributeNS(CAMUNDA_NS, "dueDate").isBlank()) {
      problems.add(label + "没有办理期限：请设置到期时间表达式（camunda:dueDate），如 ${dueAt}");
    }
    formReference(task, where, formsInDeployment, resourceNames, problems);
  }

  private void formReference(Element element, String where, Set<String> formsInDeployment, Set<String> resourceNames,
                             List<String> problems) {
    String formRef = element.getAttributeNS(CAMUNDA_NS, "formRef").trim();
    if (!formRef.isEmpty() && !formRef.contains("${") && !formRef.contains("#{")
        && !formsInDeployment.contains(formRef) && !lookups.formDeployed(formRef)) {
      problems.add(where + "的" + kind(element) + label(element) + "引用的表单「" + formRef
          + "」既不在本次部署中，也未部署到引擎：请把对应的 .form 文件一起部署");
    }
    String formKey = element.getAttributeNS(CAMUNDA_NS, "formKey").trim();
    if (formKey.startsWith(FORM_IN_DEPLOYMENT)) {
      String resource = formKey.substring(FORM_IN_DEPLOYMENT.length());
      if (!resourceNames.contains(resource)) {
        problems.add(where + "的" + kind(element) + label(element) + "引用的表单文件「" + resource + "」不在本次部署中");
      }
    }
  }

  private void walk(Element element, List<String> scripts, List<String> delegates) {
    String uri = element.getNamespaceURI();
    String tag = element.getLocalName();
    String language = element.hasAttribute("language") ? element.getAttribute("language") : null;
    String script = ScriptGuardParseListener.describe(tag, uri, language, element.getAttribute("id"));
    if (script != null) {
      scripts.add(script);
    }
    boolean listener = CAMUNDA_NS.equals(uri) && ("taskListener".equals(tag) || "executionListener".equals(tag));
    String delegateExpression = listener ? element.getAttribute("delegateExpression")
        : element.getAttributeNS(CAMUNDA_NS, "delegateExpression");
    Matcher bean = BEAN_REFERENCE.matcher(delegateExpression);
    String what = listener ? ("监听器（" + tag + "）") : (kind(element) + label(element));
    if (bean.matches() && !lookups.beanExists(bean.group(1))) {
      delegates.add("的" + what + "引用的委托 Bean「" + bean.group(1) + "」不存在（" + delegateExpression.trim() + "）");
    }
    String className = listener ? element.getAttribute("class") : element.getAttributeNS(CAMUNDA_NS, "class");
    if (!className.isBlank() && !classExists(className.trim())) {
      delegates.add("的" + what + "引用的类「" + className.trim() + "」不存在");
    }
    for (Element child : children(element, null, null)) {
      walk(child, scripts, delegates);
    }
  }

  private static boolean classExists(String className) {
    try {
      Class.forName(className, false, DeploymentValidator.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  // --- expressions --------------------------------------------------------------------------------------------

  /**
   * Checks every expression the engine may evaluate: any attribute or text holding {@code ${…}} or {@code #{…}}
   * (delegate and plain expressions, listeners, conditions, timers, input/output, due dates, assignees and
   * candidates, multi-instance collections, form field defaults, message names …). Not checked: what the engine
   * never evaluates as an expression (documentation, text annotations, literal field values) and scripts, which
   * the script rule covers (when scripts are allowed, a Groovy string may well hold "${…}").
   */
  private void expressions(Element element, String where, ExpressionCheck check, List<String> problems) {
    if (!evaluatedByEngine(element)) {
      return;
    }
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Attr attribute = (Attr) attributes.item(i);
      boolean literal = CAMUNDA_NS.equals(element.getNamespaceURI()) && "field".equals(element.getLocalName())
          && "stringValue".equals(attribute.getLocalName());
      if (!literal && ExpressionCheck.holdsExpression(attribute.getValue())) {
        expression(element, attribute.getName(), attribute.getValue(), where, check, problems);
      }
    }
    StringBuilder text = new StringBuilder();
    NodeList nodes = element.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i).getNodeType() == Node.TEXT_NODE || nodes.item(i).getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(nodes.item(i).getNodeValue());
      }
    }
    if (ExpressionCheck.holdsExpression(text.toString())) {
      expression(element, null, text.toString().trim(), where, check, problems);
    }
    for (Element child : children(element, null, null)) {
      expressions(child, where, check, problems);
    }
  }

  private static boolean evaluatedByEngine(Element element) {
    String tag = element.getLocalName();
    if (BPMN_NS.equals(element.getNamespaceURI())) {
      return !Set.of("documentation", "textAnnotation", "script").contains(tag)
          && !(("conditionExpression".equals(tag) || "condition".equals(tag)) && element.hasAttribute("language"));
    }
    if (CAMUNDA_NS.equals(element.getNamespaceURI())) {
      return !"script".equals(tag) && !"string".equals(tag);
    }
    return false; // diagram interchange, other tools' extensions
  }

  private static void expression(Element element, String attribute, String text, String where, ExpressionCheck check,
                                 List<String> problems) {
    List<String> reasons = check.reasons(text);
    if (reasons.isEmpty()) {
      return;
    }
    String shown = text.length() > 160 ? text.substring(0, 160) + "…" : text;
    problems.add(spaced(spaced(where + "的", position(element, attribute)), "中的表达式「") + shown + "」不允许："
        + String.join("；", reasons) + "。表达式只能使用流程变量、execution/task 的只读信息和 duban 声明的 Bean"
        + "（见 docs/security.md「流程表达式」）");
  }

  /**
   * Where in the process: the nearest flow element with an id, then the XML as the admin wrote it, e.g.
   * "用户任务「审核」（Task_1）的 camunda:taskListener（create）的属性 expression", "边界事件（Timer_1）的
   * bpmn:timerEventDefinition/bpmn:timeDate".
   */
  private static String position(Element element, String attribute) {
    List<String> tags = new ArrayList<>();
    Element current = element;
    while (current != null && !isLabelled(current)) {
      if (!"extensionElements".equals(current.getLocalName())) {
        String name = current.hasAttribute("name") ? "「" + current.getAttribute("name") + "」"
            : current.hasAttribute("id") ? "「" + current.getAttribute("id") + "」" : "";
        String event = current.hasAttribute("event") ? "（" + current.getAttribute("event") + "）" : "";
        tags.add(0, current.getTagName() + name + event);
      }
      current = current.getParentNode() instanceof Element parent ? parent : null;
    }
    String path = String.join("/", tags);
    if (attribute != null) {
      path = path.isEmpty() ? "属性 " + attribute : spaced(path, "的属性 " + attribute);
    }
    boolean flowElement = current != null && !"process".equals(current.getLocalName());
    return flowElement ? spaced(kind(current) + label(current) + "的", path) : path;
  }

  /** Joins with a space where Latin letters meet Chinese: "的 camunda:taskListener", "expression 中". */
  private static String spaced(String left, String right) {
    if (left.isEmpty() || right.isEmpty()) {
      return left + right;
    }
    char last = left.charAt(left.length() - 1);
    char first = right.charAt(0);
    boolean space = last < 0x80 && Character.isLetterOrDigit(last) && isHan(first)
        || isHan(last) && first < 0x80 && Character.isLetterOrDigit(first);
    return space ? left + " " + right : left + right;
  }

  private static boolean isHan(char c) {
    return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
  }

  private static boolean isLabelled(Element element) {
    return BPMN_NS.equals(element.getNamespaceURI()) && element.hasAttribute("id")
        && !element.getLocalName().endsWith("EventDefinition") && !"conditionExpression".equals(element.getLocalName())
        && !element.getLocalName().endsWith("LoopCharacteristics");
  }

  private void contract(Element process, Set<String> messageNames, String where, List<String> problems) {
    String key = process.getAttribute("id");
    for (ProcessContract contract : contracts.get()) {
      if (!contract.processKey().equals(key)) {
        continue;
      }
      Set<String> ids = new HashSet<>();
      for (Element element : descendants(process, null, null)) {
        if (element.hasAttribute("id")) {
          ids.add(element.getAttribute("id"));
        }
      }
      contract.elementIds().stream().filter(id -> !ids.contains(id)).sorted().forEach(id -> problems.add(where
          + "缺少 duban 依赖的元素「" + id + "」（被删除或改了 id？督办台账、升级阶梯和表单依赖它，请保持 id 不变）"));
      contract.messageNames().stream().filter(m -> !messageNames.contains(m)).sorted().forEach(m -> problems.add(where
          + "缺少 duban 依赖的消息「" + m + "」（bpmn:message 的 name），请保持不变"));
    }
  }

  // --- helpers ---------------------------------------------------------------------------------------------------

  private static String where(String resource) {
    return "〔" + resource + "〕";
  }

  private static String label(Element element) {
    String name = element.getAttribute("name");
    return name.isBlank() ? "（" + element.getAttribute("id") + "）" : "「" + name + "」（" + element.getAttribute("id") + "）";
  }

  private static String kind(Element element) {
    return switch (element.getLocalName()) {
      case "userTask" -> "用户任务";
      case "startEvent" -> "开始事件";
      case "serviceTask" -> "服务任务";
      case "sendTask" -> "发送任务";
      case "businessRuleTask" -> "业务规则任务";
      case "sequenceFlow" -> "顺序流";
      case "boundaryEvent" -> "边界事件";
      case "intermediateCatchEvent", "intermediateThrowEvent" -> "中间事件";
      case "endEvent" -> "结束事件";
      case "subProcess" -> "子流程";
      case "callActivity" -> "调用活动";
      case "message" -> "消息";
      case "signal" -> "信号";
      default -> "元素";
    };
  }

  private static String kb(long bytes) {
    return bytes >= 1024 * 1024 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0)
        : String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
  }

  private static List<Element> children(Element parent, String namespace, String localName) {
    List<Element> result = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element child && matches(child, namespace, localName)) {
        result.add(child);
      }
    }
    return result;
  }

  private static List<Element> descendants(Element parent, String namespace, String localName) {
    List<Element> result = new ArrayList<>();
    NodeList nodes = parent.getElementsByTagNameNS(namespace == null ? "*" : namespace,
        localName == null ? "*" : localName);
    for (int i = 0; i < nodes.getLength(); i++) {
      Node node = nodes.item(i);
      if (node instanceof Element element) {
        result.add(element);
      }
    }
    return result;
  }

  private static boolean matches(Element element, String namespace, String localName) {
    return (namespace == null || namespace.equals(element.getNamespaceURI()))
        && (localName == null || localName.equals(element.getLocalName()));
  }

  /** A predicate-based {@link Lookups}, for tests and simple wiring. */
  public static Lookups lookups(Predicate<String> beanExists, Predicate<String> formDeployed) {
    return new Lookups() {
      @Override
      public boolean beanExists(String name) {
        return beanExists.test(name);
      }

      @Override
      public boolean formDeployed(String formKey) {
        return formDeployed.test(formKey);
      }
    };
  }
}
