/** Demo mode: a realistic county bureau (units, people, a task list with items in every state). */
package cn.duban.demo;
