/** The application menu, in Chinese or English, with the reader's shortcuts. */
import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { writeFile } from 'node:fs/promises';
import { MENU_EVENT, type MenuCommand } from '../shared/channels';

type Language = 'zh' | 'en';

const LABELS = {
  zh: {
    file: '文件',
    print: '打印…',
    pdf: '导出为 PDF…',
    pdfTitle: '将当前页面保存为 PDF',
    pdfFailed: '无法保存 PDF',
    quit: '退出',
    edit: '编辑',
    find: '在文章中查找',
    view: '视图',
    search: '检索',
    browse: '浏览',
    notes: '笔记',
    metrics: '指标',
    research: '研究',
    report: '导入报告',
    settings: '设置',
    focusSearch: '聚焦检索框',
    larger: '放大字号',
    smaller: '缩小字号',
    fullscreen: '全屏',
    help: '帮助',
    shortcuts: '键盘快捷键',
    about: '关于报刊阅读器',
  },
  en: {
    file: 'File',
    print: 'Print…',
    pdf: 'Export as PDF…',
    pdfTitle: 'Save the current page as PDF',
    pdfFailed: 'Could not save the PDF',
    quit: 'Quit',
    edit: 'Edit',
    find: 'Find in Article',
    view: 'View',
    search: 'Search',
    browse: 'Browse',
    notes: 'Notes',
    metrics: 'Metrics',
    research: 'Research',
    report: 'Import Report',
    settings: 'Settings',
    focusSearch: 'Focus Search',
    larger: 'Larger Text',
    smaller: 'Smaller Text',
    fullscreen: 'Full Screen',
    help: 'Help',
    shortcuts: 'Keyboard Shortcuts',
    about: 'About Newsstack',
  },
} satisfies Record<Language, Record<string, string>>;

function send(command: MenuCommand): void {
  BrowserWindow.getFocusedWindow()?.webContents.send(MENU_EVENT, command);
}

async function exportPdf(labels: (typeof LABELS)[Language]): Promise<void> {
  const win = BrowserWindow.getFocusedWindow();
  if (!win) return;
  const { canceled, filePath } = await dialog.showSaveDialog(win, {
    title: labels.pdfTitle,
    defaultPath: `${win.getTitle().replace(/[\\/:*?"<>|]/gu, '_')}.pdf`,
    filters: [{ name: 'PDF', extensions: ['pdf'] }],
  });
  if (canceled || !filePath) return;
  try {
    const pdf = await win.webContents.printToPDF({ printBackground: false, pageSize: 'A4' });
    await writeFile(filePath, pdf);
  } catch (error) {
    dialog.showErrorBox(labels.pdfFailed, (error as Error).message);
  }
}

export function buildMenu(language: Language): Menu {
  const l = LABELS[language];
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: l.file,
      submenu: [
        {
          label: l.print,
          accelerator: 'CmdOrCtrl+P',
          click: () => BrowserWindow.getFocusedWindow()?.webContents.print(),
        },
        { label: l.pdf, accelerator: 'CmdOrCtrl+Shift+P', click: () => void exportPdf(l) },
        { type: 'separator' },
        { label: l.quit, role: 'quit' },
      ],
    },
    {
      label: l.edit,
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
        { type: 'separator' },
        { label: l.find, accelerator: 'CmdOrCtrl+F', click: () => send('find') },
      ],
    },
    {
      label: l.view,
      submenu: [
        { label: l.focusSearch, accelerator: 'CmdOrCtrl+K', click: () => send('focus-search') },
        { label: l.search, accelerator: 'CmdOrCtrl+1', click: () => send('view:search') },
        { label: l.browse, accelerator: 'CmdOrCtrl+2', click: () => send('view:browse') },
        { label: l.notes, accelerator: 'CmdOrCtrl+3', click: () => send('view:notes') },
        { label: l.metrics, accelerator: 'CmdOrCtrl+4', click: () => send('view:metrics') },
        { label: l.research, accelerator: 'CmdOrCtrl+5', click: () => send('view:research') },
        { label: l.report, accelerator: 'CmdOrCtrl+6', click: () => send('view:report') },
        { label: l.settings, accelerator: 'CmdOrCtrl+,', click: () => send('view:settings') },
        { type: 'separator' },
        { label: l.larger, accelerator: 'CmdOrCtrl+=', click: () => send('font:larger') },
        { label: l.smaller, accelerator: 'CmdOrCtrl+-', click: () => send('font:smaller') },
        { type: 'separator' },
        { label: l.fullscreen, role: 'togglefullscreen' },
      ],
    },
    {
      label: l.help,
      submenu: [
        { label: l.shortcuts, accelerator: 'F1', click: () => send('help') },
        { label: l.about, click: () => app.showAboutPanel() },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
