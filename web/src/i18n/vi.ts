/**
 * Every text the web app shows, in Vietnamese (the default language). en.ts has the same shape (its type is
 * `Messages`), so a key missing in English fails the type check. Texts that take values are functions.
 */
export const vi = {
  app: {
    name: 'DX Monitor',
    tagline: 'Theo dõi kế hoạch chuyển đổi số',
    loading: 'Đang tải…',
    skipToContent: 'Chuyển đến nội dung chính',
    retry: 'Thử lại',
    mainNav: 'Điều hướng chính',
  },
  language: {
    label: 'Ngôn ngữ',
    vi: 'Tiếng Việt',
    en: 'English',
  },
  roles: {
    admin: 'Quản trị',
    secretariat: 'Thường trực',
    reporter: 'Báo cáo viên',
    viewer: 'Xem',
  },
  shell: {
    signedInAs: (name: string) => `Đã đăng nhập: ${name}`,
    rolesLabel: 'Vai trò',
    wholeInstallation: 'toàn hệ thống',
    signOut: 'Đăng xuất',
  },
  signIn: {
    title: 'Đăng nhập',
    intro: 'Đăng nhập bằng tài khoản do quản trị viên cấp.',
    login: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    loginRequired: 'Hãy nhập tên đăng nhập.',
    passwordRequired: 'Hãy nhập mật khẩu.',
    expired: 'Phiên làm việc đã hết hạn hoặc đã kết thúc. Hãy đăng nhập lại để tiếp tục.',
    signedOut: 'Bạn đã đăng xuất.',
    demoTitle: 'Tài khoản mẫu',
    demoIntro:
      'Máy chủ đang chạy chế độ mẫu trên địa chỉ nội bộ: các tài khoản dưới đây dùng được ngay, không phải đổi mật khẩu.',
    demoLogin: 'Tên đăng nhập',
    demoPassword: 'Mật khẩu',
    demoUse: 'Dùng tài khoản này',
    demoUseFor: (login: string) => `Dùng tài khoản này: ${login}`,
  },
  changePassword: {
    title: 'Đổi mật khẩu',
    required: 'Bạn phải đổi mật khẩu tạm trước khi tiếp tục.',
    intro: 'Mật khẩu mới cần ít nhất 12 ký tự; nên dùng một cụm vài từ dễ nhớ.',
    current: 'Mật khẩu hiện tại',
    next: 'Mật khẩu mới',
    confirm: 'Nhập lại mật khẩu mới',
    submit: 'Đổi mật khẩu',
    currentRequired: 'Hãy nhập mật khẩu hiện tại.',
    nextRequired: 'Hãy nhập mật khẩu mới.',
    confirmMismatch: 'Hai lần nhập mật khẩu mới không giống nhau.',
    done: 'Đã đổi mật khẩu.',
  },
  home: {
    title: 'Kế hoạch',
    intro: 'Các kế hoạch trong phạm vi đơn vị của bạn.',
    empty:
      'Chưa có kế hoạch nào trong phạm vi của bạn. Kế hoạch của cấp trên chỉ hiện với tài khoản có quyền xem đơn vị lập kế hoạch.',
    years: (range: string) => `Giai đoạn ${range}`,
    targets: (count: string) => `${count} mục tiêu`,
    unit: 'Đơn vị',
    updated: (time: string) => `Cập nhật lúc ${time}`,
  },
  plan: {
    titleFallback: 'Kế hoạch',
    code: 'Mã kế hoạch',
    unit: 'Đơn vị',
    years: 'Giai đoạn',
    targetCount: 'Số mục tiêu',
    periods: 'Kỳ giao mục tiêu',
    noPeriods: 'Kế hoạch chưa có mục tiêu nào.',
    back: 'Về danh sách kế hoạch',
    notFound: (code: string) => `Không có kế hoạch «${code}» trong phạm vi của bạn.`,
  },
  notFound: {
    title: 'Không tìm thấy trang',
    body: 'Địa chỉ này không có trang nào của DX Monitor.',
    home: 'Về trang chủ',
  },
  errors: {
    network: 'Không kết nối được với máy chủ. Hãy kiểm tra mạng rồi thử lại.',
    unexpected: 'Đã có lỗi không mong muốn.',
  },
};

/** The shape of a message catalogue: every language has every key. */
export type Messages = typeof vi;
