// yuanwu: one binary with subcommands. Configuration comes from flags, a config file
// (--config, INI/TOML key = value) and YUANWU_* environment variables, in that order of
// precedence. Exceptions stop here: every subcommand returns an exit code.
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/app.h"
#include "app/demo.h"
#include "app/demo_records.h"
#include "app/indicator_cli.h"
#include "app/org_cli.h"
#include "org/org_store.h"
#include "platform/audit/audit_log.h"
#include "platform/auth/password.h"
#include "platform/base/file_clock.h"
#include "platform/base/text.h"
#include "platform/base/time.h"
#include "platform/http/server.h"

#ifndef YUANWU_SOURCE_DIR
#define YUANWU_SOURCE_DIR "."
#endif

namespace {

using yuanwu::Result;
using yuanwu::Status;
using yuanwu::app::App;
using yuanwu::app::Options;

int Fail(const Status& s) {
  std::string detail = s.message() + (s.message_en().empty() ? "" : " / " + s.message_en());
  for (const auto& f : s.fields())
    detail +=
        "\n  " + f.field + ": " + f.reason + (f.reason_en == f.reason ? "" : " / " + f.reason_en);
  std::fprintf(stderr, "yuanwu: %s\n", detail.c_str());
  return 1;
}

Result<std::unique_ptr<App>> OpenApp(Options& o, const yuanwu::Clock& clock) {
  if (!o.db.starts_with("postgres")) {
    std::filesystem::path p(o.db.starts_with("sqlite:") ? o.db.substr(7) : o.db);
    if (p.has_parent_path()) std::filesystem::create_directories(p.parent_path());
  }
  std::filesystem::create_directories(o.data_dir);
  return App::Open(o, clock);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"yuanwu 院务 — 医院院务公开与运营管理平台 / hospital affairs platform"};
  cli.require_subcommand(1);
  // A misspelt key in the config file must not silently fall back to a default database.
  cli.allow_config_extras(CLI::config_extras_mode::error);
  cli.set_config("--config", "", "配置文件 / config file (key = value)");
  Options o;
  o.console_dir = std::string(YUANWU_SOURCE_DIR) + "/console/dist";
  cli.add_option("--db", o.db,
                 "SQLite 文件路径或 postgresql:// 地址 / SQLite path or PostgreSQL URL")
      ->envname("YUANWU_DB")
      ->capture_default_str();
  cli.add_option("--data-dir", o.data_dir, "附件等数据目录 / directory for attachments")
      ->envname("YUANWU_DATA_DIR")
      ->capture_default_str();
  cli.add_option("--utc-offset-minutes", o.local_offset_seconds,
                 "医院所在时区（分钟）/ local UTC offset")
      ->transform([](std::string s) {
        try {
          return std::to_string(std::stoll(s) * 60);
        } catch (const std::exception&) {
          throw CLI::ValidationError("分钟数须为整数 / minutes must be an integer: " + s);
        }
      })
      ->envname("YUANWU_UTC_OFFSET_MINUTES");

  std::string clock_file;
  cli.add_option("--clock-file", clock_file,
                 "仅用于测试：从此文件读取当前时间 / tests only: read the current time from this "
                 "file (e.g. 2026-10-10T09:00:00+08:00)")
      ->envname("YUANWU_CLOCK_FILE");

  // serve
  CLI::App* serve = cli.add_subcommand("serve", "启动服务 / serve the portal, console and API");
  serve->add_option("--host", o.host, "监听地址 / listen address")
      ->envname("YUANWU_HOST")
      ->capture_default_str();
  serve->add_option("--port", o.port, "端口 / port")->envname("YUANWU_PORT")->capture_default_str();
  serve->add_option("--threads", o.threads, "I/O 线程数 / I/O threads")
      ->envname("YUANWU_THREADS")
      ->capture_default_str();
  serve->add_option("--console-dir", o.console_dir, "后台前端目录 / built console")
      ->envname("YUANWU_CONSOLE_DIR")
      ->capture_default_str();
  serve
      ->add_option("--scheduler-interval", o.scheduler_interval_seconds,
                   "定时任务间隔秒数 / job interval (s)")
      ->envname("YUANWU_SCHEDULER_INTERVAL")
      ->capture_default_str();
  serve
      ->add_option("--idle-timeout", o.idle_timeout_minutes,
                   "会话空闲超时（分钟）/ session idle timeout (min)")
      ->envname("YUANWU_IDLE_TIMEOUT")
      ->capture_default_str();
  serve
      ->add_option("--anonymous-posts-per-minute", o.anonymous_posts_per_minute,
                   "匿名提交限速 / anonymous POSTs per minute per IP")
      ->envname("YUANWU_ANON_POSTS_PER_MINUTE")
      ->capture_default_str();
  serve
      ->add_option("--login-attempts-per-minute", o.login_attempts_per_minute,
                   "每个地址每分钟登录次数上限 / sign-in attempts per minute per IP")
      ->envname("YUANWU_LOGIN_ATTEMPTS_PER_MINUTE")
      ->capture_default_str();
  serve->add_flag("--secure-cookie", o.secure_cookie, "在 TLS 反向代理后运行 / behind TLS")
      ->envname("YUANWU_SECURE_COOKIE");

  // demo
  CLI::App* demo = cli.add_subcommand("demo", "创建演示医院 / load the demo hospital (idempotent)");
  std::string demo_dir = std::string(YUANWU_SOURCE_DIR) + "/data/demo";
  std::string demo_password = "Demo2026yuanwu";
  double demo_record_scale = 1.0;
  demo->add_option("--data", demo_dir, "演示数据目录 / demo data folder")->capture_default_str();
  demo->add_option("--record-scale", demo_record_scale,
                   "演示病案与就诊数据规模（1 = 县级医院全年规模，0 = 不生成）/ size of the demo "
                   "records (1 = a county hospital, 0 = none)")
      ->check(CLI::Range(0.0, 50.0))
      ->capture_default_str();
  demo->add_option("--password", demo_password, "演示账号密码 / password of every demo account")
      ->capture_default_str();

  yuanwu::app::IndicatorCli icli;
  icli.Register(cli);
  yuanwu::app::OrgCli ocli;
  ocli.Register(cli);

  CLI::App* migrate = cli.add_subcommand("migrate", "升级数据库结构 / apply migrations");

  // user
  CLI::App* user = cli.add_subcommand("user", "账号管理 / manage accounts");
  user->require_subcommand(1);
  std::string u_name, u_display, u_role = "admin", u_password, u_dept;
  CLI::App* u_create = user->add_subcommand("create", "创建账号 / create an account");
  u_create->add_option("--username", u_name, "工号")->required();
  u_create->add_option("--name", u_display, "姓名")->required();
  u_create->add_option("--role", u_role, "角色编码 / role code")->capture_default_str();
  u_create->add_option("--password", u_password, "密码 / password")->required();
  CLI::App* u_passwd = user->add_subcommand("passwd", "重置密码 / reset a password");
  u_passwd->add_option("--username", u_name, "工号")->required();
  u_passwd->add_option("--password", u_password, "新密码")->required();
  CLI::App* u_unlock = user->add_subcommand("unlock", "解除锁定 / unlock an account");
  u_unlock->add_option("--username", u_name, "工号")->required();

  CLI::App* audit_cmd = cli.add_subcommand("audit", "审计日志 / audit trail");
  audit_cmd->require_subcommand(1);
  CLI::App* audit_verify =
      audit_cmd->add_subcommand("verify", "校验哈希链 / verify the hash chain");

  CLI::App* backup = cli.add_subcommand("backup", "备份数据库 / back up the database");
  std::string backup_out;
  backup->add_option("--out", backup_out, "备份文件 / output file")->required();

  CLI::App* jobs = cli.add_subcommand("jobs", "立即执行定时任务 / run scheduled jobs once");
  CLI::App* routes =
      cli.add_subcommand("routes", "列出 API 路由及权限 / list API routes and permissions");

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }

  spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
  yuanwu::SystemClock system_clock;
  yuanwu::FileClock file_clock(clock_file);
  const yuanwu::Clock& clock =
      clock_file.empty() ? static_cast<const yuanwu::Clock&>(system_clock) : file_clock;
  if (!clock_file.empty()) spdlog::warn("测试时钟 / test clock: now is read from {}", clock_file);
  // `generate` writes files only: no database.
  if (icli.WantsGenerate()) return icli.Generate(std::string(YUANWU_SOURCE_DIR) + "/data/demo");
  auto opened = OpenApp(o, clock);
  if (!opened.ok()) return Fail(opened.status());
  App& app = **opened;
  try {
    if (*migrate) {
      long long version = 0;
      (void)app.db().Read([&](soci::session& sql) {
        sql << "SELECT MAX(version) FROM schema_version", soci::into(version);
        return Status::Ok();
      });
      std::printf("数据库结构版本 %lld / schema version %lld\n", version, version);
      return 0;
    }
    if (*demo) {
      auto rep = yuanwu::app::LoadDemo(app, demo_dir, demo_password);
      if (!rep.ok()) return Fail(rep.status());
      if (rep->already_loaded) {
        std::printf("演示数据已存在，未重复导入 / demo data already loaded\n");
      } else {
        std::printf(
            "已创建演示医院（演示数据）：%d 个科室，%d 名职工，%d 条公开目录，%d 个公开事项，%d "
            "条价格，%d 件投诉，%d 件不良事件，%d 次督查，%d 件依申请公开\n"
            "demo hospital created (demo data): %d departments, %d staff, %d catalogue entries, "
            "%d items, %d prices, %d complaints, %d adverse events, %d inspections, %d disclosure "
            "applications\n",
            rep->departments, rep->users, rep->catalogue, rep->items, rep->prices, rep->complaints,
            rep->adverse_events, rep->inspections, rep->applications, rep->departments, rep->users,
            rep->catalogue, rep->items, rep->prices, rep->complaints, rep->adverse_events,
            rep->inspections, rep->applications);
      }
      // Two full years of records before the current year.
      int year = yuanwu::LocalDate(clock.NowSeconds(), o.local_offset_seconds).year;
      auto recs = yuanwu::app::LoadDemoRecords(app, demo_dir + "/departments.json", year - 1,
                                               demo_record_scale);
      if (!recs.ok()) return Fail(recs.status());
      if (!recs->already_loaded) {
        std::printf(
            "已导入演示病案与就诊数据（%d—%d年，演示数据）：出院 %lld 人次，门急诊 %lld 人次\n"
            "demo records imported (%d–%d, demo data): %lld discharges, %lld visits\n",
            year - 2, year - 1, static_cast<long long>(recs->discharges),
            static_cast<long long>(recs->visits), year - 2, year - 1,
            static_cast<long long>(recs->discharges), static_cast<long long>(recs->visits));
      }
      return 0;
    }
    if (icli.Parsed()) return icli.Run(app);
    if (ocli.Parsed()) return ocli.Run(app);
    if (*u_create) {
      // The same use case as the console: validation, audit entry and all.
      yuanwu::org::User u;
      u.username = u_name;
      u.name = u_display;
      u.roles = {u_role};
      u.scope = "all";
      auto saved = app.org().SaveUser({0, "命令行", "127.0.0.1"}, u, u_password);
      if (!saved.ok()) return Fail(saved.status());
      std::printf("已创建账号 %s / account created\n", u_name.c_str());
      return 0;
    }
    if (*user) {
      Status s = app.db().Transact([&](soci::session& sql) -> Status {
        yuanwu::auth::Actor actor{0, "命令行", "127.0.0.1"};
        long long id = 0;
        sql << "SELECT COALESCE(MAX(id), 0) FROM app_user WHERE username = :u", soci::use(u_name),
            soci::into(id);
        if (id == 0) return Status::NotFound("工号 " + u_name, "user " + u_name);
        if (*u_passwd) {
          YW_RETURN_IF_ERROR(yuanwu::auth::CheckPasswordPolicy(u_password, u_name));
          yuanwu::org::OrgStore::SetPasswordHash(sql, id, yuanwu::auth::HashPassword(u_password));
        }
        yuanwu::org::OrgStore::Unlock(sql, id);
        return yuanwu::audit::Append(sql, app.db().dialect(), clock, actor,
                                     {*u_passwd ? "org.user.password_reset" : "org.user.unlock",
                                      "app_user", std::to_string(id), "{}", "{}"});
      });
      if (!s.ok()) return Fail(s);
      std::printf("完成 / done\n");
      return 0;
    }
    if (*audit_verify) {
      auto rep = yuanwu::audit::Verify(app.db());
      if (!rep.ok()) return Fail(rep.status());
      if (rep->ok) {
        std::printf("审计日志完整：已校验 %lld 条 / audit trail intact: %lld entries\n",
                    static_cast<long long>(rep->checked), static_cast<long long>(rep->checked));
        return 0;
      }
      std::printf("审计日志被篡改：第 %lld 条起哈希链断裂 / audit trail BROKEN at entry %lld\n",
                  static_cast<long long>(rep->broken_at), static_cast<long long>(rep->broken_at));
      return 2;
    }
    if (*backup) {
      if (std::filesystem::exists(backup_out)) {
        std::fprintf(
            stderr,
            "yuanwu: 备份文件已存在，不会覆盖：%s / backup file already exists, not overwriting\n",
            backup_out.c_str());
        return 1;
      }
      if (app.db().dialect() == yuanwu::db::Dialect::kSqlite) {
        Status s = app.db().Read([&](soci::session& sql) {
          sql << "VACUUM INTO :out", soci::use(backup_out);
          return Status::Ok();
        });
        if (!s.ok()) return Fail(s);
      } else {
        std::string cmd = "pg_dump --format=custom --file='" + backup_out + "' '" + o.db + "'";
        if (backup_out.find('\'') != std::string::npos || o.db.find('\'') != std::string::npos ||
            std::system(cmd.c_str()) != 0) {
          std::fprintf(stderr, "yuanwu: pg_dump 失败 / pg_dump failed\n");
          return 1;
        }
      }
      std::printf("已备份到 %s / backup written\n", backup_out.c_str());
      return 0;
    }
    if (*jobs) {
      Status s = app.RunJobsOnce();
      if (!s.ok()) return Fail(s);
      std::printf("定时任务已执行 / jobs done\n");
      return 0;
    }
    if (*routes) {
      for (const auto& r : app.ApiRoutes()) {
        std::printf("%-7s %-55s %s\n", r.method.c_str(), r.pattern.c_str(), r.permission.c_str());
      }
      return 0;
    }
    // serve
    yuanwu::http::ServerOptions so;
    so.host = o.host;
    so.port = static_cast<uint16_t>(o.port);
    so.threads = o.threads;
    yuanwu::http::Server server(so, [&app](yuanwu::http::Request& req) { return app.Handle(req); });
    Status s = server.Listen();
    if (!s.ok()) return Fail(s);
    app.StartJobs();
    // Warm the indicator engine while the server already answers (a query waits for it).
    std::thread warm([&app] {
      Status w = app.indicators().LoadRecords();
      if (!w.ok()) spdlog::error("indicator engine: {}", w.message_en());
    });
    std::printf("yuanwu 已启动 / listening on http://%s:%u\n", o.host.c_str(), server.port());
    std::fflush(stdout);
    server.Run();
    warm.join();
    app.StopJobs();
    std::printf("yuanwu 已停止 / stopped\n");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "yuanwu: %s\n", e.what());
    return 1;
  }
}
