#!/usr/bin/env bash
# Quick start, command 1: install what is missing, build, create the demo hospital on an
# embedded SQLite database and serve it on http://127.0.0.1:8080. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
bash scripts/build.sh
DB=${YUANWU_DB:-var/demo.db}
./build/yuanwu --db "$DB" --data-dir var demo
cat <<MSG

  yuanwu 院务 演示医院已就绪（所有数据均为演示数据）
  门户  Portal:  http://127.0.0.1:${YUANWU_PORT:-8080}/
  后台  Console: http://127.0.0.1:${YUANWU_PORT:-8080}/console/
  演示账号 Demo accounts (password Demo2026yuanwu):
    admin 系统管理员 · office 院办公开专员 · reviewer 保密审查员 · approver 审批领导
    auditor 审计员 · nurse01 职工 · deptclerk 医务部公开联络员
    yihuan 医患办（投诉） · zhikong 质控办（不良事件、督查整改） · xnk_head 心血管内科主任
  Ctrl+C 停止 / stop

MSG
exec ./build/yuanwu --db "$DB" --data-dir var serve --port "${YUANWU_PORT:-8080}"
