#include "http/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>

namespace kl::http {
namespace {

TEST(WorkerPool, RunsJobsAndRefusesBeyondTheQueueWithoutBlocking) {
    WorkerPool pool(1, 1);
    std::mutex mutex;
    std::condition_variable changed;
    bool started = false;
    bool release = false;
    std::atomic<int> ran{0};
    ASSERT_TRUE(pool.try_submit([&] {
        std::unique_lock lock(mutex);
        started = true;
        changed.notify_all();
        changed.wait(lock, [&] { return release; });
        ++ran;
    }));
    {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return started; });
    }
    EXPECT_TRUE(pool.try_submit([&] { ++ran; }));  // waits in the queue
    EXPECT_EQ(pool.queue_depth(), 1);
    EXPECT_FALSE(pool.try_submit([&] { ++ran; }));  // queue full: refused at once
    {
        std::lock_guard lock(mutex);
        release = true;
    }
    changed.notify_all();
    pool.stop();
    EXPECT_EQ(ran.load(), 2);
    EXPECT_FALSE(pool.try_submit([&] { ++ran; }));  // stopped
}

TEST(WorkerPool, StopRunsWhatIsQueued) {
    std::atomic<int> ran{0};
    {
        WorkerPool pool(2, 100);
        for (int i = 0; i < 50; ++i) ASSERT_TRUE(pool.try_submit([&] { ++ran; }));
    }
    EXPECT_EQ(ran.load(), 50);
}

}  // namespace
}  // namespace kl::http
