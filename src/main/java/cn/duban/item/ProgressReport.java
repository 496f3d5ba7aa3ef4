package cn.duban.item;

import java.time.Instant;

/** 进度反馈 ({@code PROGRESS}) or the 办结 report ({@code COMPLETION}) filed by the assignee. */
public record ProgressReport(long id, String kind, String content, String author, String authorName, Instant reportedAt) {

  ProgressReport withAuthorName(String name) {
    return new ProgressReport(id, kind, content, author, name, reportedAt);
  }
}
