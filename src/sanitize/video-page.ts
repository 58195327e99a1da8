/** A video platform's own page for a player URL, and how to name the platform. */
export interface VideoPage {
  /** The page a reader watches the video on (the player URL itself when it is already one). */
  url: string;
  /** The platform, as a link text when the markup gives no title: `YouTube 视频`. */
  platform: string;
}

interface Platform {
  hosts: readonly string[];
  label: string;
  /** The watch page for a player URL on these hosts, or undefined when the URL is not a player. */
  page: (url: URL) => string | undefined;
}

const PLATFORMS: readonly Platform[] = [
  {
    hosts: ['youtube.com', 'youtube-nocookie.com'],
    label: 'YouTube 视频',
    page: (url) => {
      const id = /^\/embed\/([\w-]+)/.exec(url.pathname)?.[1];
      return id && `https://www.youtube.com/watch?v=${id}`;
    },
  },
  {
    hosts: ['bilibili.com'],
    label: '哔哩哔哩视频',
    page: (url) => {
      if (!url.pathname.startsWith('/player')) return undefined;
      const bvid = url.searchParams.get('bvid');
      if (bvid && /^BV\w+$/.test(bvid)) return `https://www.bilibili.com/video/${bvid}`;
      const aid = url.searchParams.get('aid');
      return aid && /^\d+$/.test(aid) ? `https://www.bilibili.com/video/av${aid}` : undefined;
    },
  },
  {
    hosts: ['vimeo.com'],
    label: 'Vimeo 视频',
    page: (url) => {
      const id = /^\/video\/(\d+)/.exec(url.pathname)?.[1];
      return url.hostname.startsWith('player.') && id ? `https://vimeo.com/${id}` : undefined;
    },
  },
  {
    hosts: ['v.qq.com'],
    label: '腾讯视频',
    page: (url) => {
      const vid = url.searchParams.get('vid');
      return url.pathname.includes('/iframe/') && vid && /^\w+$/.test(vid) ? `https://v.qq.com/x/page/${vid}.html` : undefined;
    },
  },
  {
    hosts: ['youku.com'],
    label: '优酷视频',
    page: (url) => {
      const id = /^\/embed\/([\w=]+)/.exec(url.pathname)?.[1];
      return id && `https://v.youku.com/v_show/id_${id}.html`;
    },
  },
];

/**
 * Recognises the embedded players of the big video platforms (YouTube,
 * Bilibili, Vimeo, 腾讯视频, 优酷): a player URL such as
 * `https://youtube.com/embed/3VTkBuxU4yk` opens a bare player, so the
 * reader is sent to the video's page instead
 * (`https://www.youtube.com/watch?v=3VTkBuxU4yk`). Other URLs: `undefined`.
 */
export function videoPage(target: string): VideoPage | undefined {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return undefined;
  }
  const host = url.hostname.toLowerCase();
  const platform = PLATFORMS.find((p) => p.hosts.some((h) => host === h || host.endsWith(`.${h}`)));
  if (platform === undefined) return undefined;
  return { url: platform.page(url) ?? target, platform: platform.label };
}
