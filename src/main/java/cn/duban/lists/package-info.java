/** 任务清单: importing a bureau's Excel list, issuing it as a whole, following it, exporting the 督办台账. */
package cn.duban.lists;
